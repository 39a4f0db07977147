import Foundation

/// The Debian wasm32 toolchain the sysroot is assembled from (DESIGN.md: clang-19, lld-19,
/// wasi-libc, libc++ 14 for wasm32, compiler-rt 19 for wasm32).
public struct WasmToolchain: Sendable {
    public var clang = "/usr/bin/clang-19"
    public var clangxx = "/usr/bin/clang++-19"
    public var wasiInclude = "/usr/include/wasm32-wasi"
    public var wasiLib = "/usr/lib/wasm32-wasi"
    public var builtins = "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a"

    public init() {}

    /// Each required piece with the package that provides it.
    var requirements: [(path: String, package: String)] {
        [
            (clang, "clang-19"), (clangxx, "clang-19"), ("/usr/bin/wasm-ld-19", "lld-19"),
            (wasiInclude + "/stdio.h", "wasi-libc"), (wasiLib + "/libc.a", "wasi-libc"),
            (wasiInclude + "/c++/v1/iostream", "libc++-14-dev-wasm32"), (wasiLib + "/libc++.a", "libc++-14-dev-wasm32"),
            (wasiLib + "/libc++abi.a", "libc++abi-14-dev-wasm32"), (builtins, "libclang-rt-19-dev-wasm32"),
        ]
    }

    /// What is missing, as "path (package)" lines; empty when complete.
    public func missing() -> [String] {
        requirements.filter { !FileManager.default.fileExists(atPath: $0.path) }.map { "\($0.path) (package \($0.package))" }
    }
}
