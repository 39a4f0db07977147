import Foundation
import MPIRuntime
import TestSupport
import Testing
import WasmEngine

/// Builds the test modules in `Modules/` with the project's sysroot.
enum TestModules {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Modules")

    static func build(_ name: String) throws -> URL {
        let output = try Shell.temporaryDirectory("modules").appendingPathComponent(name + ".wasm")
        let result = try Shell.run("/usr/bin/clang-19", [
            "--target=wasm32-wasi", "--sysroot=" + root.appendingPathComponent("sysroot").path, "-O1", "-g",
            // As mpiwasm-sdk cc links: no function pointer equals MPI_*_DUP_FN (1).
            "-Wl,--table-base=2",
            sources.appendingPathComponent(name + ".c").path, "-o", output.path,
        ])
        guard result.status == 0 else { throw LaunchError("cannot build \(name).c:\n\(result.stderr)") }
        return output
    }

    /// Runs `module` on `ranks` ranks on both hosts (Open MPI's mpirun with the runtime built
    /// against it, MPICH's with its own) and expects each run to end well and print "all ok".
    /// `options` go to `mpiwasm run` before the module (`--dir`, ...).
    static func expectAllOkOnBothHosts(_ module: URL, engine: EngineChoice, ranks: Int, options: [String] = []) throws {
        let run = ["run", "--engine", engine.rawValue] + options + [module.path]
        let runs = [
            try Shell.mpirun(np: ranks, [runtimeExecutable] + run),
            try Shell.run("mpirun.mpich", ["-np", String(ranks), try BuiltExecutables.mpichRuntime()] + run),
        ]
        for result in runs {
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("all ok") && !result.stdout.contains("FAILED"), "\(result.stdout)\n\(result.stderr)")
        }
    }

    /// The built `mpiwasm` beside the test bundle.
    static var runtimeExecutable: String { BuiltExecutables.beside("mpiwasm") }
}

/// Both engines, for parameterized tests; Wasmtime's library is installed by scripts/setup.sh.
let engines: [EngineChoice] = [.wasmtime, .wasmkit]
