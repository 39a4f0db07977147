import Foundation

/// `mpiwasm-sdk cc` / `c++`: like `mpicc`/`mpicxx`, runs clang for wasm32-wasi against the
/// sysroot, passing the user's arguments through.
public struct CompilerDriver {
    public enum Language: String, Sendable {
        case c, cxx
    }

    public let layout: ProjectLayout
    public let language: Language
    public let toolchain: WasmToolchain

    public init(layout: ProjectLayout, language: Language, toolchain: WasmToolchain = WasmToolchain()) {
        self.layout = layout
        self.language = language
        self.toolchain = toolchain
    }

    /// WASI libc's emulations of POSIX pieces it lacks (process clocks, signals, mman, getpid),
    /// which MPI codes commonly use; enabled by the wrappers, not by plain clang.
    static let emulations = ["process-clocks", "signal", "mman", "getpid"]

    /// Wasm SIMD: Wasmtime compiles it to native vector instructions (measured with
    /// `mpiwasm-sdk bench`: the stencil kernel 1.7x faster, CG 1.2x). Before the user's
    /// arguments, so that `-mno-simd128` (for WasmKit, which interprets SIMD slowly) wins.
    public static let codeGeneration = ["-msimd128"]

    /// Function pointers start at table index 2: index 1 is MPI_COMM_DUP_FN (and its kin) in
    /// the ABI, so no function of the module may have it.
    public static let tableBase = "-Wl,--table-base=2"

    /// The full clang command line for `arguments`.
    public func command(_ arguments: [String]) -> [String] {
        let compiler = language == .c ? toolchain.clang : toolchain.clangxx
        var command = [compiler, "--target=wasm32-wasi", "--sysroot=" + layout.sysroot.path]
        command += Self.emulations.map { "-D_WASI_EMULATED_" + $0.uppercased().replacingOccurrences(of: "-", with: "_") }
        if language == .cxx { command.append("-fno-exceptions") }
        command += Self.codeGeneration
        command += arguments
        if links(arguments) {
            command += Self.emulations.map { "-lwasi-emulated-" + $0 } + [Self.tableBase] + SysrootAssembler.guestLinkArguments(layout)
        }
        return command
    }

    static let inputExtensions: Set<String> = ["c", "cc", "cpp", "cxx", "C", "c++", "o", "a", "s", "S", "ll", "bc"]

    /// Whether clang will link: it has an input file and no option that stops before linking.
    func links(_ arguments: [String]) -> Bool {
        let stops = arguments.contains { ["-c", "-S", "-E", "-M", "-MM", "-fsyntax-only"].contains($0) }
        let hasInput = arguments.contains { argument in
            !argument.hasPrefix("-") && argument.contains(".")
                && Self.inputExtensions.contains(String(argument.split(separator: ".").last ?? ""))
        }
        return hasInput && !stops
    }

    /// Runs clang, forwarding its output; returns its exit status.
    public func run(_ arguments: [String]) throws -> Int32 {
        let missing = toolchain.missing()
        guard missing.isEmpty else { throw SDKError.missingToolchain(missing) }
        guard SysrootAssembler(layout: layout, toolchain: toolchain).isAssembled else {
            throw SDKError.unreadable(path: layout.sysroot.path, reason: "the sysroot is not assembled; run `mpiwasm-sdk generate` (or `mpiwasm-sdk sysroot`) first")
        }
        let full = command(arguments)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: full[0])
        process.arguments = Array(full.dropFirst())
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
