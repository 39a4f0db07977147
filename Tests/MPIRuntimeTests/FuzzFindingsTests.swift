import Foundation
@testable import MPIRuntime
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

    /// What MPICH 4.0 crashes on, asserts or hangs (natively too), on both hosts
    /// (`Modules/mpich_findings.c`): the tools interface initialized again after it was
    /// finalized, external packing of an empty or unrepresentable type, packing past the
    /// buffer's size, graph ranks outside the communicator, MPI_Dims_create of 0 nodes.
    @Test(arguments: engines)
    func whatTheFuzzerFoundOnMPICHGetsOpenMPIsAnswersOnBothHosts(engine: EngineChoice) throws {
        try TestModules.expectAllOkOnBothHosts(try TestModules.build("mpich_findings"), engine: engine, ranks: 1)
    }

    /// Reductions of copies of committed datatypes of size 0 (`Modules/empty_type_reductions.c`,
    /// fuzz seed 49): Open MPI 4.1 writes through a corrupted pointer in each blocking one,
    /// natively too; they succeed and move nothing, on both hosts.
    @Test(arguments: engines)
    func reductionsOfCopiesOfEmptyDatatypesMoveNothingOnBothHosts(engine: EngineChoice) throws {
        let data = try Shell.temporaryDirectory("empty-type-reductions")
        try TestModules.expectAllOkOnBothHosts(try TestModules.build("empty_type_reductions"), engine: engine, ranks: 2, options: ["--dir", data.path + "::/"])
    }

    /// A host's own constants where the ABI has none (`Modules/foreign_constants.c`, fuzz seed
    /// 30 split by Open MPI's OMPI_COMM_TYPE_CORE): refused on both hosts.
    @Test(arguments: engines)
    func valuesThatAreAHostsOwnConstantsAreRefusedOnBothHosts(engine: EngineChoice) throws {
        let data = try Shell.temporaryDirectory("foreign-constants")
        try TestModules.expectAllOkOnBothHosts(try TestModules.build("foreign_constants"), engine: engine, ranks: 1, options: ["--dir", data.path + "::/"])
    }

    @Test func theGuardCheckIsServedOnlyWhenAskedFor() throws {
        let module = try TestModules.build("fuzz_findings")
        let result = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", module.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("mpiwasm.check_guards is not provided by this runtime without --check-guards"), "\(result.stderr)")
    }
}

/// The guard check itself: it must see a changed canary and memory that is not guarded.
@Suite struct GuardCheckTests {
    @Test func aChangedCanaryIsReported() {
        var logged: [String] = []
        let check = GuardCheck { logged.append($0) }
        #expect(check.problems(around: UnsafeMutableRawBufferPointer(start: nil, count: 0)).isEmpty)
        check.canaries[3][5] &+= 1
        let problems = check.problems(around: UnsafeMutableRawBufferPointer(start: nil, count: 0))
        #expect(problems.count == 1 && problems[0].contains("canary block 3") && problems[0].contains("byte 5"), "\(problems)")
        #expect(logged == problems, "each problem is also said on stderr")
    }

    @Test func memoryWithReadableNeighboursIsReported() throws {
        // The middle of three readable pages: the bytes on both sides are readable.
        let pages = try #require(mmap(nil, 3 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        defer { munmap(pages, 3 << 16) }
        let middle = UnsafeMutableRawBufferPointer(start: pages + (1 << 16), count: 1 << 16)
        let problems = GuardCheck { _ in }.problems(around: middle)
        #expect(problems.contains { $0.contains("below linear memory") } && problems.contains { $0.contains("above linear memory") }, "\(problems)")
    }
}
