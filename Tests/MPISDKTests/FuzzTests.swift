import Foundation
@testable import MPIEmitters
import MPIModel
@testable import MPISDK
import TestSupport
import Testing

/// The fuzz harness: the program the emitter generates from the model, how the runner judges a
/// run, and a short run on both engines (the long run is `mpiwasm-sdk fuzz --seeds 1-20
/// --calls 100000`, see the README).
@Suite(.serialized) struct FuzzTests {
    @Test func theFuzzProgramCallsEveryBoundFunctionButTheExcludedOnes() throws {
        let generated = try String(contentsOf: Repository.root.appendingPathComponent("Tests/Fuzz/generated/openmpi/fuzz.c"), encoding: .utf8)
        let bound = try String(contentsOf: Repository.root.appendingPathComponent("Tests/Matrix/generated/openmpi/manifest.json"), encoding: .utf8)
        let manifest = try JSONDecoder().decode(MatrixManifest.self, from: Data(bound.utf8))
        for function in manifest.bound.map(\.name) {
            let called = generated.contains("static void fz_\(function)(void)")
            #expect(called == (FuzzEmitter.excluded[function] == nil), "\(function): called \(called)")
        }
        // Arguments come from the pools of their kind: an output handle is kept for later calls.
        let isend = try #require(generated.range(of: "static void fz_MPI_Isend(void)").map { generated[$0.lowerBound...].prefix(900) })
        #expect(isend.contains("fz_handle(FZ_MPI_Datatype)") && isend.contains("fz_handle(FZ_MPI_Comm)") && isend.contains("fz_ptr()"))
        #expect(isend.contains("fz_keep(FZ_MPI_Request, a6_slot)"))
        let create = try #require(generated.range(of: "static void fz_MPI_Op_create(void)").map { generated[$0.lowerBound...].prefix(600) })
        #expect(create.contains("fz_cb_MPI_User_function()"), "callbacks of the parameter's type")
    }

    @Test func aRunPassesOnlyWithItsSummaryNoBadCodeAndNoGuardProblem() throws {
        let host = try HostLauncher(implementation: "Open MPI", runtime: "mpiwasm")
        let runner = try FuzzRunner(layout: Repository.layout, options: .init(output: Shell.temporaryDirectory("fuzz-judge"), host: host)) { _ in }
        let summary = "fuzz: seed 3: 10 calls to 357 functions, 2 succeeded, 8 failed with an error class, 0 bad"
        let passed = runner.judge(.init(status: 0, stdout: "fuzz: batch 1 from call 0\n\(summary)\n", stderr: ""), engine: "wasmtime", seed: 3, seconds: 1)
        #expect(passed.failure == nil && passed.summary == summary)
        let crashed = runner.judge(.init(status: 139, stdout: "fuzz: batch 1 from call 0\n", stderr: "Program crashed\n"), engine: "wasmkit", seed: 3, seconds: 1)
        #expect(crashed.failure?.contains("exited with status 139") == true && crashed.summary == nil)
        let guarded = runner.judge(.init(status: 1, stdout: "fuzz: guard check after batch 2: 1 problems\n\(summary)\n", stderr: ""), engine: "wasmtime", seed: 3, seconds: 1)
        #expect(guarded.failure?.contains("guard check after batch 2") == true)
        #expect(FuzzRunner.report([passed, crashed], calls: 10).hasSuffix("fuzz: 2 runs of 10 calls; 1 passed, 1 failed\n"))
    }

    /// Seeds 2, 3 and 6 for 2,000 calls each, on both engines: every call returns success or an
    /// MPI error class, the guard regions and heap canaries hold after every batch, and the rank
    /// exits 0. (Seeds that still end in Open MPI 4.1's own crashes are listed in the README.)
    @Test func aShortRunOnBothEnginesSurvivesEveryCallWithGuardsIntact() throws {
        let output = try Shell.temporaryDirectory("fuzz")
        let result = try Shell.run(Repository.sdkExecutable, ["fuzz", "--seeds", "2,3,6", "--calls", "2000", "--time-limit", "120", "--output", output.path],
                                   environment: ["MPIWASM_HOME": Repository.root.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.hasSuffix("fuzz: 6 runs of 2000 calls; 6 passed, 0 failed\n"), "\(result.stdout)")
        for engine in ["wasmtime", "wasmkit"] {
            #expect(result.stderr.contains("fuzz \(engine) seed 6: fuzz: seed 6: 2000 calls to "), "progress lines name engine and seed: \(result.stderr)")
        }
    }
}
