import CWasmtime
import Foundation

/// Wasmtime's C API, loaded with dlopen from the first library found:
/// `MPIWASM_WASMTIME_LIB`, the project's pip-installed wheel (`.local/wasmtime`, searched upward
/// from the executable), then `libwasmtime.so` on the system's library path.
public enum WasmtimeLibrary {
    /// The loaded API, or why it could not be loaded; resolved once per process.
    public static let shared: Result<(api: mpiwasm_wasmtime_api, path: String), WasmtimeUnavailable> = load()

    static let wheelPath = ".local/wasmtime/wasmtime/linux-x86_64/_libwasmtime.so"

    static func candidates() -> [String] {
        var paths: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["MPIWASM_WASMTIME_LIB"], !explicit.isEmpty {
            return [explicit]
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            paths.append(directory.appendingPathComponent(wheelPath).path)
            directory = directory.deletingLastPathComponent()
        }
        paths.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(wheelPath).path)
        return paths.filter { FileManager.default.fileExists(atPath: $0) } + ["libwasmtime.so"]
    }

    static func load() -> Result<(api: mpiwasm_wasmtime_api, path: String), WasmtimeUnavailable> {
        var failures: [String] = []
        for path in candidates() {
            var api = mpiwasm_wasmtime_api()
            var error = [CChar](repeating: 0, count: 512)
            if mpiwasm_wasmtime_load(path, &api, &error, error.count) == 0 { return .success((api, path)) }
            failures.append(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return .failure(WasmtimeUnavailable(tried: failures))
    }
}

/// No usable Wasmtime library was found.
public struct WasmtimeUnavailable: Error, CustomStringConvertible {
    public let tried: [String]
    public var description: String {
        "Wasmtime's library is not available (install it with ./scripts/setup.sh, or set MPIWASM_WASMTIME_LIB):\n"
            + tried.map { "  " + $0 }.joined(separator: "\n")
    }
}
