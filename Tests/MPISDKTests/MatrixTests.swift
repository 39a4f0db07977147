import Foundation
@testable import MPIEmitters
import MPIModel
@testable import MPISDK
import TestSupport
import Testing

/// The validation matrix: what the emitter generates from the model, how the runner judges a
/// run, and the whole matrix, native against wasm on both engines.
@Suite(.serialized) struct MatrixTests {
    static let model: MPIAPI = {
        let url = Repository.root.appendingPathComponent("generated/openmpi/model.json")
        return try! JSONDecoder().decode(MPIAPI.self, from: Data(contentsOf: url))
    }()

    static func probes(_ name: String) throws -> [String] {
        let sweep = ErrorSweepEmitter(bound: [name], gated: [])
        return sweep.probes(try #require(model.function(named: name))).map(\.label)
    }

    @Test func theErrorSweepMakesOneArgumentInvalidAtATimeFromTheParameterKinds() throws {
        #expect(try Self.probes("MPI_Send") == ["count=-1", "datatype=MPI_DATATYPE_NULL", "dest=1000", "tag=-7", "comm=MPI_COMM_NULL"])
        // The receive side of a gather matters only at the root: an invalid one would fail there
        // while the others wait.
        let gather = try Self.probes("MPI_Gather")
        #expect(gather.contains("sendcount=-1") && gather.contains("root=1000") && !gather.contains("recvcount=-1") && !gather.contains("recvtype=MPI_DATATYPE_NULL"), "\(gather)")
        // Without a valid predefined window, the null one is the only probe.
        #expect(try Self.probes("MPI_Put") == ["win=MPI_WIN_NULL"])
        #expect(try Self.probes("MPI_Wait").isEmpty, "MPI_REQUEST_NULL is a valid request")
        let emitter = ErrorSweepEmitter(bound: ["MPI_Comm_connect", "MPI_Init"], gated: ["MPI_Comm_connect"])
        #expect(emitter.exclusion(try #require(Self.model.function(named: "MPI_Comm_connect")))?.contains("capability") == true)
        #expect(emitter.exclusion(try #require(Self.model.function(named: "MPI_Init"))) != nil)
    }

    @Test func templatesRepeatBlocksOverTheModelsDatatypesAndTheOpsDefinedOnThem() throws {
        let (types, skipped) = MatrixDatatype.from(Self.model, abi: Set(Self.model.constants.map(\.name)).subtracting(["MPI_CXX_COMPLEX"]))
        #expect(types.contains { $0.name == "MPI_LONG_DOUBLE_INT" && $0.cls == .pair })
        #expect(skipped.contains { $0.0 == "MPI_CXX_COMPLEX" }, "a host-only name is not swept")
        #expect(skipped.contains { $0.0 == "MPI_PACKED" })
        let text = """
            head
            //@each type byte
            send(@MPI@, @T@, @ID@, MW_SET_@CLS@);
            //@end
            //@each reduction
            @OP@ @MPI@
            //@end
            """
        let expanded = try MatrixTemplate(name: "t.c", text: text).expand(datatypes: types)
        #expect(expanded.contains("send(MPI_BYTE, unsigned char, BYTE, MW_SET_BYTE);"))
        #expect(!expanded.contains("send(MPI_INT,"), "only the byte class")
        #expect(expanded.contains("MPI_LXOR MPI_INT\n") && expanded.contains("MPI_MAXLOC MPI_2INT\n"))
        #expect(!expanded.contains("MPI_LAND MPI_INTEGER\n"), "logical ops are not defined on Fortran integers")
        #expect(!expanded.contains("MPI_SUM MPI_REAL16"), "the host's own REAL*16 reductions are wrong")
        #expect(!expanded.contains("MPI_MAX MPI_C_DOUBLE_COMPLEX"))
        #expect(throws: SpecError.self) { try MatrixTemplate(name: "t.c", text: "//@each colour\n//@end").expand(datatypes: types) }
        #expect(throws: SpecError.self) { try MatrixTemplate(name: "t.c", text: "//@each type\n").expand(datatypes: types) }
    }

    @Test func familiesFollowTheFunctionNames() {
        #expect(FunctionFamily(function: "MPI_Iallgather") == .collectives)
        #expect(FunctionFamily(function: "MPI_Ineighbor_alltoallw") == .collectives)
        #expect(FunctionFamily(function: "MPI_Get_count") == .pointToPoint)
        #expect(FunctionFamily(function: "MPI_Get") == .oneSided)
        #expect(FunctionFamily(function: "MPI_File_iread_at_all") == .io)
        #expect(FunctionFamily(function: "MPI_T_pvar_read") == .tools)
        #expect(FunctionFamily(function: "MPI_Cart_sub") == .topologies)
        #expect(FunctionFamily(function: "MPI_Wtime") == .environment)
    }

    @Test func aRunFailsOnTheLinesThatDifferAndNamesTheFunctionsOnThem() throws {
        let manifest = MatrixManifest(
            host: "test", programs: ["p.c"], bound: ["MPI_Send", "MPI_Recv", "MPI_Bcast"].map { .init(name: $0, family: FunctionFamily(function: $0)) },
            reasons: [:], datatypes: [], datatypesNotSwept: [:])
        let program = MatrixRunner.Program(name: "p", source: URL(fileURLWithPath: "/p.c"), functions: ["MPI_Send", "MPI_Recv"])
        let runner = MatrixRunner(manifest: manifest, output: URL(fileURLWithPath: "/tmp"))
        let runs = URL(fileURLWithPath: "/tmp/runs/openmpi")
        let native = Subprocess.Result(status: 0, stdout: "MPI_Send dest=1000: MPI_ERR_RANK\nMPI_Recv MPI_INT: ok\n", stderr: "")
        #expect(runner.compare(program, ranks: 2, engine: "wasmtime", native: native, wasm: native, runs: runs).isEmpty)
        let wrong = Subprocess.Result(status: 0, stdout: "MPI_Send dest=1000: MPI_ERR_ARG\nMPI_Recv MPI_INT: ok\n", stderr: "")
        let failures = runner.compare(program, ranks: 2, engine: "wasmtime", native: native, wasm: wrong, runs: runs)
        #expect(failures.count == 1 && failures[0].functions == ["MPI_Send"])
        #expect(failures[0].message.contains("MPI_Send dest=1000: native MPI_ERR_RANK, wasm MPI_ERR_ARG"), "\(failures[0].message)")
        let crashed = Subprocess.Result(status: 134, stdout: "MPI_Send dest=1000: MPI_ERR_RANK\n", stderr: "boom\n")
        let crash = runner.compare(program, ranks: 3, engine: "wasmkit", native: native, wasm: crashed, runs: runs)
        #expect(crash.first?.functions == ["MPI_Recv"] && crash.first?.message.contains("exited with status 134") == true)

        let report = MatrixReport(manifest: manifest, programs: [program], failures: failures)
        #expect(report.summary == "matrix: 2 functions covered of 3 bound; 1 passed, 1 failed")
        #expect(report.uncovered.map(\.name) == ["MPI_Bcast"])
        #expect(report.text.contains("FAILED p on 2 ranks (wasmtime): MPI_Send"))
        let onMPICH = MatrixReport(manifest: manifest, programs: [program], failures: failures, host: "MPICH")
        #expect(onMPICH.summary == "matrix: 2 functions covered of 3 bound; 1 passed, 1 failed on MPICH")
        #expect(onMPICH.text.contains("FAILED p on 2 ranks (wasmtime, MPICH): MPI_Send"))
    }

    @Test func programsCountTheCallsOfTheHeadersTheyInclude() throws {
        let directory = try Shell.temporaryDirectory("matrix-calls")
        try "static void f(void) { MPI_Barrier(MPI_COMM_WORLD); }\n".write(to: directory.appendingPathComponent("h.h"), atomically: true, encoding: .utf8)
        let source = directory.appendingPathComponent("p.c")
        try "#include \"h.h\"\nint main(void) { MPI_Init (0, 0); /* MPI_COMM_WORLD */ return 0; }\n".write(to: source, atomically: true, encoding: .utf8)
        #expect(try MatrixRunner.text(of: source).calls == ["MPI_Barrier", "MPI_Init"])
        #expect(MatrixRunner.directives(in: "/* mpiwasm-run: --allow-connect\n * text */") == ["--allow-connect"])
        #expect(MatrixRunner.directives(in: "int main(void);").isEmpty)
        #expect(MatrixRunner.directives(in: "/* mpiwasm-run: wasm-only\n */").contains("wasm-only"))
        #expect(!MatrixRunner.directives(in: "/* mpiwasm-run: --allow-connect */").contains("wasm-only"))
    }

    /// The whole matrix: every program natively and as wasm on 1-4 ranks, on both engines.
    @Test func theWholeMatrixPassesOnBothEnginesAndCoversNineTenthsOfTheBoundFunctions() throws {
        let output = try Shell.temporaryDirectory("matrix")
        let result = try Shell.run(Repository.sdkExecutable, ["matrix", "--np", "1,2,3,4", "--output", output.path],
                                   environment: ["MPIWASM_HOME": Repository.root.path], timeLimit: 2400)
        let summary = try #require(result.stdout.split(separator: "\n").last { $0.hasPrefix("matrix: ") }, "\(result.stdout)\n\(result.stderr)")
        #expect(result.status == 0 && summary.hasSuffix(" 0 failed on Open MPI"), "\(result.stdout)")
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count == 4 && Double(numbers[0]) >= 0.9 * Double(numbers[1]), "\(summary)")
        #expect(result.stderr.contains("np 4 wasmkit reductions: ok"), "progress lines while it runs")
        #expect(result.stderr.contains("np 4 wasmkit collectives: ok") && result.stderr.contains("np 4 wasmkit programs-collectives: ok"),
                "generated and self-checking programs of the same name both run")
        #expect(result.stderr.contains("np 4 native forged_handles: skipped (wasm only)") && result.stderr.contains("np 4 wasmkit forged_handles: ok"),
                "forged, freed and wrong-kind handles get their kind's class on both engines")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.txt").path))
    }
}
