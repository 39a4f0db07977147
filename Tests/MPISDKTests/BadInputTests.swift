import Foundation
import MPISDK
import MPIScanner
import TestSupport
import Testing

/// Bad input gets a clear message and a non-zero exit, and changes nothing.
@Suite struct BadInputTests {
    @Test func generateWithoutMPIExplainsWhatItTried() throws {
        let result = try Shell.run(Repository.sdkExecutable, ["generate", "--mpi-include", "/nonexistent/include"], in: Repository.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no MPI found"))
        #expect(result.stderr.contains("/nonexistent/include"))
    }

    @Test func generateOnAnUnparsableHeaderPrintsLibclangsDiagnostics() throws {
        let broken = Repository.root.appendingPathComponent("Tests/MPIScannerTests/Fixtures/broken").path
        let result = try Shell.run(Repository.sdkExecutable, ["generate", "--check", "--mpi-include", broken], in: Repository.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("libclang cannot parse"))
        #expect(result.stderr.contains("error:"))
    }

    @Test func anUnwritableOutputLeavesEveryFileAsItWas() throws {
        let directory = try Shell.temporaryDirectory("unwritable")
        let kept = directory.appendingPathComponent("kept.h")
        try "old contents\n".write(to: kept, atomically: true, encoding: .utf8)
        let blocker = directory.appendingPathComponent("not-a-directory")
        try "a file".write(to: blocker, atomically: true, encoding: .utf8)
        let files = [
            GeneratedFile(url: kept, contents: "new contents\n"),
            GeneratedFile(url: blocker.appendingPathComponent("mpi.h"), contents: "x"),
        ]
        #expect(throws: SDKError.self) { try files.writeAtomically() }
        #expect(try String(contentsOf: kept, encoding: .utf8) == "old contents\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("mpiwasm-tmp") }
        #expect(leftovers.isEmpty, "staged files left behind: \(leftovers)")
    }

    @Test func brokenAnnotationsStopGenerationBeforeAnythingIsWritten() throws {
        let directory = try Shell.temporaryDirectory("bad-annotations")
        let headers = directory.appendingPathComponent("headers")
        try FileManager.default.createDirectory(at: headers, withIntermediateDirectories: true)
        for name in ["mpi-abi-constants.tsv", "abi-extensions.tsv", "unbound.tsv", "domains.tsv"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("headers/" + name), to: headers.appendingPathComponent(name))
        }
        try "MPI_Send\tbuf\tbuffer(read, typed(count))\n".write(to: headers.appendingPathComponent("annotations.tsv"), atomically: true, encoding: .utf8)
        try "".write(to: headers.appendingPathComponent("unbound.tsv"), atomically: true, encoding: .utf8)
        let generator = Generator(layout: ProjectLayout(root: directory), host: try HostMPI.locate())
        let error = try #require(throws: SDKError.self) { try generator.run() }
        #expect(error.description.contains("annotations.tsv:1"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("sysroot").path))
    }
}
