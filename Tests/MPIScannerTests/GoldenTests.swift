import Foundation
import MPISDK
import MPIScanner
import Testing

/// The scanner and the emitters pinned on small fixture headers: the rendered model, header,
/// report, bindings, error sweep and fuzz program must equal the committed files in
/// `Fixtures/<name>/expected` (the matrix programs expanded from `templates/matrix` and the fuzz
/// program's support header follow the templates, not the fixture, and are left out).
/// `MPIWASM_UPDATE_GOLDEN=1 swift test` rewrites them.
@Suite struct GoldenTests {
    @Test(arguments: ["openmpi-like", "mpich-like"])
    func fixtureRendersToTheCommittedGoldenFiles(fixture: String) throws {
        let host = Fixtures.host(fixture)
        let raw = try HeaderScanner(host: host).scan()
        let output = try Generator(layout: Fixtures.layout, host: host).render(raw)
        let expected = Fixtures.directory.appendingPathComponent(fixture).appendingPathComponent("expected")
        let update = ProcessInfo.processInfo.environment["MPIWASM_UPDATE_GOLDEN"] == "1"
        let templates = Set((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.layout.matrixTemplates.path)) ?? []).union(["fuzz.h"])
        for file in output.files where !templates.contains(file.url.lastPathComponent) {
            let golden = expected.appendingPathComponent(file.url.lastPathComponent)
            if update {
                try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
                try file.contents.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            let diff = [GeneratedFile(url: golden, contents: file.contents)].drift()
            #expect(diff.isEmpty, "\(fixture)/\(file.url.lastPathComponent) differs from the golden file:\n\(diff)")
        }
    }
}
