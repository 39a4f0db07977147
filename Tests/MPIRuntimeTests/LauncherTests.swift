import Foundation
import MPIEmitters
import MPIRuntime
import TestSupport
import Testing
import WasmEngine

/// `mpiwasm run` as a user runs it: WASI set-up, exit codes, and modules refused before start.
@Suite(.serialized) struct LauncherTests {
    @Test(arguments: engines)
    func wasiArgumentsEnvironmentPreopensAndExitCodeReachTheModule(engine: EngineChoice) throws {
        let module = try TestModules.build("wasi_io")
        let data = try Shell.temporaryDirectory("wasi-\(engine)")
        let result = try Shell.run(TestModules.runtimeExecutable, [
            "run", "--engine", engine.rawValue, "--dir", data.path + "::/data", "--env", "GREETING",
            module.path, "first", "7",
        ], environment: ["GREETING": "hello from the host"])
        #expect(result.status == 7, "\(result.stderr)")
        #expect(try String(contentsOf: data.appendingPathComponent("note.txt"), encoding: .utf8) == "hello from the host\n")
    }

    @Test func autoPicksWasmtimeAndSaysSo() throws {
        let module = try TestModules.build("wasi_io")
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", "--verbose", "--dir", "/tmp::/data", "--env", "GREETING=hello from the host", module.path, "first", "0"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("engine: wasmtime, library "), "\(result.stderr)")
    }

    /// `--perf-map`: Wasmtime writes `/tmp/perf-PID.map` naming the module's compiled functions
    /// (what `perf report` shows); WasmKit, an interpreter, has no such map and refuses it.
    @Test func perfMapNamesTheModulesFunctionsForPerf() throws {
        let module = try TestModules.build("wasi_io")
        let data = try Shell.temporaryDirectory("perf-map")
        let start = Date()
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", "--engine", "wasmtime", "--perf-map", "--dir", data.path + "::/data", "--env", "GREETING=hello from the host", module.path, "first", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let maps = try FileManager.default.contentsOfDirectory(atPath: "/tmp").filter { $0.hasPrefix("perf-") && $0.hasSuffix(".map") }
            .map { URL(fileURLWithPath: "/tmp/" + $0) }
            .filter { ((try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast) >= start.addingTimeInterval(-1) }
        let texts = maps.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains("wasm_to_array_trampoline") && $0.contains(" main\n") }, "\(maps)")
        maps.forEach { try? FileManager.default.removeItem(at: $0) }

        let refused = try Shell.run(TestModules.runtimeExecutable, ["run", "--engine", "wasmkit", "--perf-map", module.path, "first", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("--perf-map needs the Wasmtime engine"), "\(refused.stderr)")
    }

    @Test func aModuleImportingFunctionsTheRuntimeLacksIsRefusedNamingThem() throws {
        let directory = try Shell.temporaryDirectory("refuse")
        let source = directory.appendingPathComponent("other_abi.c")
        try """
            __attribute__((import_module("mpi"), import_name("MPI_Frobnicate"))) int MPI_Frobnicate(int);
            __attribute__((import_module("mpi"), import_name("MPIX_Extension"))) int MPIX_Extension(void);
            int main(void) { return MPI_Frobnicate(MPIX_Extension()); }
            """.write(to: source, atomically: true, encoding: .utf8)
        let module = directory.appendingPathComponent("other_abi.wasm")
        let build = try Shell.run("/usr/bin/clang-19", ["--target=wasm32-wasi", "--sysroot=" + TestModules.root.appendingPathComponent("sysroot").path, source.path, "-o", module.path])
        try #require(build.status == 0, "\(build.stderr)")
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", module.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("mpi.MPI_Frobnicate is not provided by this runtime"), "\(result.stderr)")
        #expect(result.stderr.contains("mpi.MPIX_Extension is not provided by this runtime"), "\(result.stderr)")
    }

    @Test(arguments: [([String](), false), (["-Wl,--table-base=2"], true)])
    func keyvalsNeedFunctionPointersAbove1WhichIsMPI_COMM_DUP_FN(flags: [String], accepted: Bool) throws {
        let directory = try Shell.temporaryDirectory("table-base")
        let source = directory.appendingPathComponent("keyval.c")
        try """
            #include <mpi.h>
            static int copy(MPI_Comm c, int k, void *e, void *in, void *out, int *flag) { *(void **)out = in; *flag = 1; return 0; }
            int main(int argc, char **argv) {
                int keyval;
                MPI_Init(&argc, &argv);
                MPI_Comm_create_keyval(copy, MPI_COMM_NULL_DELETE_FN, &keyval, 0);
                return MPI_Finalize();
            }
            """.write(to: source, atomically: true, encoding: .utf8)
        let module = directory.appendingPathComponent("keyval.wasm")
        let build = try Shell.run("/usr/bin/clang-19", ["--target=wasm32-wasi", "--sysroot=" + TestModules.root.appendingPathComponent("sysroot").path, source.path, "-o", module.path] + flags)
        try #require(build.status == 0, "\(build.stderr)")
        if accepted {
            _ = try Launcher(options: .init(module: module.path)).check()
        } else {
            let error = try #require(throws: LaunchError.self) { try Launcher(options: .init(module: module.path)).check() }
            #expect(error.description.contains("link with -Wl,--table-base=2"), "\(error)")
        }
    }

    @Test func aSignatureFromAnotherABIIsRefused() throws {
        let module = try TestModules.build("host_calls")
        var functions = EngineTests.hostFunctions { _ in true }
        functions[1] = HostFunction(module: "mpiwasm_test", name: "twice_via_guest", type: FunctionType([.i32], [.i32])) { _, _ in }
        let error = try #require(throws: LaunchError.self) { try Launcher(options: .init(module: module.path), hostFunctions: functions).check() }
        #expect(error.description.contains("twice_via_guest is imported as (i64) -> (i64), but the runtime serves (i32) -> (i32)"))
    }

    @Test(arguments: [
        ([UInt8]("not wasm".utf8), "no wasm magic number"),
        ([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x7f], "runs past the end"),
        ([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], "no _start export"),
    ])
    func brokenModulesAreRefusedWithAReason(bytes: [UInt8], reason: String) throws {
        let file = try Shell.temporaryDirectory("broken").appendingPathComponent("broken.wasm")
        try Data(bytes).write(to: file)
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(reason), "\(result.stderr)")
    }

    @Test func aMissingModuleOrDirectoryIsAClearError() throws {
        let missing = try Shell.run(TestModules.runtimeExecutable, ["run", "/nonexistent/app.wasm"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read /nonexistent/app.wasm"))
        let module = try TestModules.build("wasi_io")
        let noDirectory = try Shell.run(TestModules.runtimeExecutable, ["run", "--dir", "/nonexistent/dir", module.path])
        #expect(noDirectory.status == 1 && noDirectory.stderr.contains("--dir /nonexistent/dir: no such directory"))
    }
}

/// The bindings written by hand declare their wasm signatures themselves: each must be what
/// the sysroot's mpi.h makes a module import, or the launcher would refuse such modules.
@Suite struct HandWrittenBindingTests {
    @Test func everyHandWrittenBindingHasTheSignatureTheHeaderImports() throws {
        let names = SwiftBindingsEmitter.handWritten.sorted()
        let directory = try Shell.temporaryDirectory("hand-written")
        let source = directory.appendingPathComponent("imports.c")
        try """
            #include <mpi.h>
            void *volatile imported[] = {
            \(names.map { "    (void *)&\($0)," }.joined(separator: "\n"))
            };
            int main(void) { return imported[0] == 0; }
            """.write(to: source, atomically: true, encoding: .utf8)
        let module = directory.appendingPathComponent("imports.wasm")
        let build = try Shell.run("/usr/bin/clang-19", [
            "--target=wasm32-wasi", "--sysroot=" + TestModules.root.appendingPathComponent("sysroot").path, "-Wl,--table-base=2",
            source.path, "-o", module.path,
        ])
        try #require(build.status == 0, "\(build.stderr)")
        let imports = Set(try ModuleInfo(bytes: [UInt8](Data(contentsOf: module))).imports(from: "mpi").map(\.name))
        #expect(imports.isSuperset(of: names), "not imported: \(Set(names).subtracting(imports).sorted())")
        _ = try Launcher(options: .init(module: module.path)).check()
    }
}
