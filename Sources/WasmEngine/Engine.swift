/// An engine that runs a WASI command module with host functions; the MPI bindings are
/// written against this and never name an engine.
public protocol Engine: AnyObject {
    /// `wasmtime` or `wasmkit`.
    var name: String { get }

    /// The largest linear memory the module may grow to, in bytes (nil: the 4 GiB of wasm32).
    /// Growing beyond it fails as on a machine out of memory: `memory.grow` returns -1 and
    /// the module's malloc returns NULL.
    var memoryLimit: Int? { get set }

    /// Instantiates `module` with WASI and `hostFunctions`, runs `_start` and returns the exit
    /// code (0 when `_start` returns).
    ///
    /// - Throws: `EngineError` for an invalid module, a failed instantiation or a trap.
    func run(module: [UInt8], hostFunctions: [HostFunction], wasi: WASIOptions) throws -> Int32
}

/// Why running a module failed.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// The bytes are not a valid module (with the engine's explanation).
    case invalidModule(String)
    /// Instantiation failed: a missing import, a signature mismatch, a start-function trap.
    case instantiation(String)
    /// The guest trapped (or a host function trapped it), with the engine's backtrace if any.
    case trap(message: String, backtrace: [String])
    /// The engine cannot run here (library missing, memory cannot be kept in place).
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalidModule(let message): return "not a valid wasm module: \(message)"
        case .instantiation(let message): return "cannot instantiate the module: \(message)"
        case .trap(let message, let backtrace):
            return "wasm trap: \(message)" + (backtrace.isEmpty ? "" : "\nwasm backtrace:\n" + backtrace.map { "  " + $0 }.joined(separator: "\n"))
        case .unavailable(let message): return message
        }
    }
}
