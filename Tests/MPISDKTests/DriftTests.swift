import Foundation
import MPISDK
import MPIScanner
import TestSupport
import Testing

/// Regeneration as a check: the committed generated files must be what `generate` produces now.
@Suite struct DriftTests {
    @Test func committedGeneratedFilesMatchAFreshGeneration() throws {
        let output = try Generator(layout: Repository.layout, host: HostMPI.locate()).run()
        let drift = output.files.drift()
        #expect(drift.isEmpty, "run `mpiwasm-sdk generate` and commit:\n\(drift)")
        #expect(output.stale.isEmpty, "generated files no longer produced: \(output.stale.map(\.path))")
        #expect(output.files.contains { $0.url.path.hasSuffix("Tests/Matrix/generated/openmpi/errors_p2p.c") }, "the matrix is generated and checked too")
    }

    @Test func generationIsDeterministic() throws {
        let host = try HostMPI.locate()
        let first = try Generator(layout: Repository.layout, host: host).run().files
        let second = try Generator(layout: Repository.layout, host: host).run().files
        #expect(first == second)
    }

    @Test func theCheckCommandFailsWithADiffWhenAFileDiffers() throws {
        let directory = try Shell.temporaryDirectory("drift")
        let file = directory.appendingPathComponent("mpi.h")
        try "line one\nline two\n".write(to: file, atomically: true, encoding: .utf8)
        let drift = [GeneratedFile(url: file, contents: "line one\nline 2\n")].drift()
        #expect(drift.contains("@2 -line two"))
        #expect(drift.contains("@2 +line 2"))
    }
}
