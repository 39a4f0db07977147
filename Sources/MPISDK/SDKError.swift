/// Failures of an SDK command, each with a message that says what to do.
public enum SDKError: Error, CustomStringConvertible {
    case noProject
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case invalidInputs([String])
    case missingToolchain([String])
    case drift(diff: String)
    /// A benchmark that did not build, failed, or computed something other than its native build.
    case benchmark(String)
    /// A matrix program that did not build.
    case matrix(String)
    /// The fuzz program did not build.
    case fuzz(String)
    /// A runtime whose host MPI cannot be told, or has no known launcher.
    case host(String)

    public var description: String {
        switch self {
        case .noProject:
            return "cannot find the mpiwasm project (headers/annotations.tsv); run inside it or set MPIWASM_HOME"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason); nothing was changed"
        case .invalidInputs(let problems):
            return "invalid generator inputs:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
        case .missingToolchain(let missing):
            return "the wasm32 toolchain is incomplete:\n" + missing.map { "  " + $0 }.joined(separator: "\n")
                + "\ninstall it with: apt-get install clang-19 lld-19 wasi-libc libc++-14-dev-wasm32 libc++abi-14-dev-wasm32 libclang-rt-19-dev-wasm32"
        case .drift(let diff):
            return "generated files differ from what `mpiwasm-sdk generate` produces now:\n" + diff
                + "\nrun `mpiwasm-sdk generate` and commit the result"
        case .benchmark(let message):
            return "benchmark: " + message
        case .matrix(let message):
            return "matrix: " + message
        case .fuzz(let message):
            return "fuzz: " + message
        case .host(let message):
            return "host MPI: " + message
        }
    }
}
