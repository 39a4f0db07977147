import ClangFrontEnd

/// Why scanning the host header failed as a whole.
public enum ScanError: Error, CustomStringConvertible {
    case noMPI(tried: [String])
    case toolFailed(String)
    case headerErrors(header: String, diagnostics: [Diagnostic])
    case clang(String)

    public var description: String {
        switch self {
        case .noMPI(let tried):
            return "no MPI found (install libopenmpi-dev, or pass --mpi-include DIR); tried:\n"
                + tried.map { "  " + $0 }.joined(separator: "\n")
        case .toolFailed(let message):
            return message
        case .headerErrors(let header, let diagnostics):
            return "libclang cannot parse \(header):\n"
                + diagnostics.map { "  " + $0.message }.joined(separator: "\n")
        case .clang(let message):
            return message
        }
    }
}
