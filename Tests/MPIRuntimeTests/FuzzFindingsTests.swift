import Foundation
import MPIRuntime
import TestSupport
import Testing
import WasmEngine

/// What the fuzz harness found, one call each (`Modules/fuzz_findings.c`): calls that crashed,
/// hung or corrupted the host on Open MPI 4.1 now fail with an MPI error class, and the guard
/// check served by `--check-guards` finds host memory around linear memory untouched.
@Suite struct FuzzFindingsTests {
    @Test(arguments: engines)
    func whatTheFuzzerFoundFailsWithErrorClassesAndLeavesTheGuardsIntact(engine: EngineChoice) throws {
        let module = try TestModules.build("fuzz_findings")
        let data = try Shell.temporaryDirectory("fuzz-findings")
        let result = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, "--check-guards", "--dir", data.path + "::/", module.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(!result.stdout.contains("FAILED"), "\(result.stdout)")
        #expect(result.stdout.contains("MPI_Pack_size of an uncommitted type: ok"), "\(result.stdout)")
        #expect(result.stdout.contains("guards: ok"), "\(result.stdout)")
    }

    @Test func theGuardCheckIsServedOnlyWhenAskedFor() throws {
        let module = try TestModules.build("fuzz_findings")
        let result = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", module.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("mpiwasm.check_guards is not provided by this runtime without --check-guards"), "\(result.stderr)")
    }
}
