import Foundation
import MPIRuntime
import TestSupport
import WasmEngine

/// Builds the test modules in `Modules/` with the project's sysroot.
enum TestModules {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Modules")

    static func build(_ name: String) throws -> URL {
        let output = try Shell.temporaryDirectory("modules").appendingPathComponent(name + ".wasm")
        let result = try Shell.run("/usr/bin/clang-19", [
            "--target=wasm32-wasi", "--sysroot=" + root.appendingPathComponent("sysroot").path, "-O1", "-g",
            sources.appendingPathComponent(name + ".c").path, "-o", output.path,
        ])
        guard result.status == 0 else { throw LaunchError("cannot build \(name).c:\n\(result.stderr)") }
        return output
    }

    /// The built `mpiwasm` beside the test bundle.
    static var runtimeExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("mpiwasm").path
    }

    /// The runtime built against MPICH, which scripts/test.sh builds into `.build/mpich`.
    static func mpichRuntime() throws -> String {
        let configuration = URL(fileURLWithPath: runtimeExecutable).deletingLastPathComponent().lastPathComponent
        let path = root.appendingPathComponent(".build/mpich/\(configuration)/mpiwasm").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw LaunchError("no MPICH runtime at \(path): build it with `MPIWASM_HOST_MPI=mpich swift build --scratch-path .build/mpich --product mpiwasm` (scripts/test.sh does)")
        }
        return path
    }
}

/// Both engines, for parameterized tests; Wasmtime's library is installed by scripts/setup.sh.
let engines: [EngineChoice] = [.wasmtime, .wasmkit]
