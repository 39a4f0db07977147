import Foundation
import MPIRuntime
import TestSupport
import Testing

/// MPI programs built once to wasm, run under `mpirun` one `mpiwasm run` per rank, on both
/// engines, against the same programs built natively with mpicc.
@Suite(.serialized) struct MPIRunTests {
    static let examples = TestModules.root.appendingPathComponent("examples")
    static let programs = TestModules.root.appendingPathComponent("Tests/Programs")

    /// Builds `source` to wasm with the sysroot and natively with mpicc/mpicxx.
    static func build(_ source: URL) throws -> (wasm: URL, native: URL) {
        let directory = try Shell.temporaryDirectory("mpirun-build")
        let name = source.deletingPathExtension().lastPathComponent
        let isCXX = source.pathExtension == "cpp"
        let wasm = directory.appendingPathComponent(name + ".wasm"), native = directory.appendingPathComponent(name)
        var arguments = [
            "--target=wasm32-wasi", "--sysroot=" + TestModules.root.appendingPathComponent("sysroot").path, "-O2", "-Wl,--table-base=2",
            source.path, "-o", wasm.path,
        ]
        if isCXX { arguments.append("-fno-exceptions") }
        let wasmBuild = try Shell.run(isCXX ? "/usr/bin/clang++-19" : "/usr/bin/clang-19", arguments)
        guard wasmBuild.status == 0 else { throw LaunchError("wasm build of \(name) failed:\n\(wasmBuild.stderr)") }
        let nativeBuild = try Shell.run(isCXX ? "mpicxx" : "mpicc", ["-O2", source.path, "-o", native.path])
        guard nativeBuild.status == 0 else { throw LaunchError("native build of \(name) failed:\n\(nativeBuild.stderr)") }
        return (wasm, native)
    }

    static func sortedLines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init).sorted() }

    @Test(arguments: ["ring.c", "pingpong.c", "halo.cpp", "hello.c", "user_op.c"], engines)
    func examplesPrintWhatTheNativeBuildPrints(example: String, engine: EngineChoice) throws {
        let (wasm, native) = try Self.build(Self.examples.appendingPathComponent(example))
        let expected = try Shell.mpirun(np: 4, [native.path])
        try #require(expected.status == 0, "native \(example): \(expected.stderr)")
        let result = try Shell.mpirun(np: 4, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, wasm.path])
        #expect(result.status == 0, "\(example) on \(engine): \(result.stderr)")
        #expect(Self.sortedLines(result.stdout) == Self.sortedLines(expected.stdout), "\(example) on \(engine)")
    }

    // The self-checking programs in Tests/Programs run as part of the validation matrix
    // (MPISDKTests' MatrixTests): natively and as wasm on 1-4 ranks, both engines, outputs compared.

    /// Null datatypes go to the host, with buffers whose lengths depend on them counted as empty,
    /// and null communicators are refused by the runtime: nothing touches the buffers (here
    /// they lie beyond linear memory, so a touch would fault the process).
    @Test(arguments: engines)
    func nullHandlesAreRefusedWithoutTouchingTheBuffers(engine: EngineChoice) throws {
        let module = try TestModules.build("null_handles")
        let result = try Shell.mpirun(np: 2, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, module.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "survived").count == 3, "both ranks live: \(result.stdout)")
        for call in 0..<8 { #expect(result.stdout.contains("call \(call): "), "\(result.stdout)") }
        #expect(!result.stdout.contains("MPI_SUCCESS"), "every call is refused: \(result.stdout)")
        for call in [4, 6, 7] { #expect(result.stdout.contains("call \(call): MPI_ERR_COMM"), "null communicators: \(result.stdout)") }
    }

    @Test(arguments: engines)
    func aBufferPastTheEndOfMemoryEndsTheJobBeforeTheHostSeesIt(engine: EngineChoice) throws {
        let module = try TestModules.build("out_of_bounds")
        let result = try Shell.mpirun(np: 2, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, module.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("MPI_Send: buffer at"), "\(result.stderr)")
        #expect(result.stderr.contains("outside linear memory"), "\(result.stderr)")
    }

    /// One-sided operations outside the target's window (`Modules/window_range.c`): Open MPI's
    /// osc pt2pt (which the tests select) writes wherever the displacement points in the
    /// target's process, so the runtime checks each target span against the window sizes
    /// exchanged at creation and answers MPI_ERR_RMA_RANGE. On both hosts.
    @Test(arguments: engines)
    func oneSidedOperationsOutsideTheTargetsWindowGetRMARangeErrors(engine: EngineChoice) throws {
        try TestModules.expectAllOkOnBothHosts(try TestModules.build("window_range"), engine: engine, ranks: 2)
    }

    @Test(arguments: engines)
    func aFileOutsideThePreopenedDirectoriesIsRefusedThroughTheFileErrorHandler(engine: EngineChoice) throws {
        let module = try TestModules.build("file_escape")
        let data = try Shell.temporaryDirectory("mpirun-escape")
        let outside = data.deletingLastPathComponent().appendingPathComponent("escaped-\(engine.rawValue)")
        let result = try Shell.mpirun(np: 1, [
            TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, "--dir", data.path + "::/data", module.path,
            "/data/../escaped-\(engine.rawValue)",
        ])
        #expect(result.stdout.contains("returned class 20"), "MPI_ERR_ACCESS comes back by default: \(result.stdout)")
        #expect(!result.stdout.contains("not reached"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("MPI_File_open"), "\(result.stderr)")
        #expect(result.stderr.contains("climbs above the root") || result.stderr.contains("outside the pre-opened directories"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }

    @Test func aDanglingSymbolicLinkInsideThePreopenedDirectoryCannotCreateAFileOutside() throws {
        let module = try TestModules.build("file_escape")
        let root = try Shell.temporaryDirectory("mpirun-dangling")
        let data = root.appendingPathComponent("data"), outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: data.appendingPathComponent("link").path, withDestinationPath: outside.appendingPathComponent("created").path)
        let result = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--dir", data.path + "::/data", module.path, "/data/link"])
        #expect(result.stdout.contains("returned class 20"), "\(result.stdout)")
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("created").path))
    }

    @Test func aModuleUsingABindingNotGeneratedYetIsRefusedWithTheReason() throws {
        let source = try Shell.temporaryDirectory("pending").appendingPathComponent("datarep.c")
        try """
            #include <mpi.h>
            int main(int argc, char **argv) {
                MPI_Init(&argc, &argv);
                MPI_Register_datarep("mine", MPI_CONVERSION_FN_NULL, MPI_CONVERSION_FN_NULL, 0, 0);
                return MPI_Finalize();
            }
            """.write(to: source, atomically: true, encoding: .utf8)
        let (wasm, _) = try Self.build(source)
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", wasm.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("mpi.MPI_Register_datarep is not provided by this runtime yet ("), "\(result.stderr)")
    }

    @Test(arguments: engines)
    func aTrapInOneRankEndsTheWholeJobWithTheRankTheReasonAndABacktrace(engine: EngineChoice) throws {
        let result = try Self.runOnThreeRanksWithinHalfAMinute("trap_rank", engine)
        #expect(result.status != 0)
        #expect(result.stderr.contains("mpiwasm[rank 1]: wasm trap:"), "\(result.stderr)")
        #expect(result.stderr.contains("rank_one_fails"), "the backtrace names the function: \(result.stderr)")
    }

    @Test(arguments: engines)
    func mpiAbortInOneRankEndsTheWholeJob(engine: EngineChoice) throws {
        let result = try Self.runOnThreeRanksWithinHalfAMinute("abort_rank", engine)
        #expect(result.status == 7, "mpirun passes on the abort code")
        #expect(result.stderr.contains("rank 2 gives up"), "\(result.stderr)")
        #expect(result.stderr.contains("mpiwasm[rank 2]: the module called MPI_Abort with error code 7"), "\(result.stderr)")
    }

    @Test(arguments: engines)
    func exitInOneRankBeforeFinalizeEndsTheWholeJobWithItsStatus(engine: EngineChoice) throws {
        let result = try Self.runOnThreeRanksWithinHalfAMinute("exit_rank", engine)
        #expect(result.status == 3, "mpirun passes on the exit status: \(result.status)")
        #expect(result.stderr.contains("mpiwasm[rank 1]: the module exited with status 3 before MPI_Finalize"), "\(result.stderr)")
    }

    /// A rank killed by a signal while the others wait in MPI: the launcher ends the job and says so.
    @Test(arguments: engines)
    func aRankKilledByASignalEndsTheWholeJob(engine: EngineChoice) throws {
        let directory = try Shell.temporaryDirectory("killed")
        let module = directory.appendingPathComponent("killed-\(engine.rawValue).wasm")
        try? FileManager.default.removeItem(at: module)
        try FileManager.default.copyItem(at: try TestModules.build("hang"), to: module)
        // Start the job, wait until the ranks are in MPI_Recv, kill one rank (not mpirun).
        let script = """
            timeout 60 mpirun --oversubscribe --allow-run-as-root -np 3 "$0" run --engine \(engine.rawValue) "$1" &
            launcher=$!
            sleep 4
            kill -KILL $(pgrep -P "$(pgrep -P "$launcher" | head -n 1)" | head -n 1)
            wait $launcher
            """
        let start = Date()
        let result = try Shell.run("sh", ["-c", script, TestModules.runtimeExecutable, module.path])
        #expect(Date().timeIntervalSince(start) < 30, "the job took \(Date().timeIntervalSince(start)) s")
        #expect(result.status != 0)
        #expect(result.stderr.contains("signal 9"), "\(result.stderr)")
    }

    /// Runs a test module on 3 ranks; the ranks left waiting for a failed one must not hang.
    static func runOnThreeRanksWithinHalfAMinute(_ module: String, _ engine: EngineChoice) throws -> Shell.Result {
        let wasm = try TestModules.build(module)
        let start = Date()
        let result = try Shell.mpirun(np: 3, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, wasm.path], timeLimit: 180)
        #expect(Date().timeIntervalSince(start) < 30, "\(module) on \(engine): the job took \(Date().timeIntervalSince(start)) s")
        return result
    }
}
