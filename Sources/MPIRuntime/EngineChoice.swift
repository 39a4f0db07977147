import WasmEngine
import WasmKitEngine
import WasmtimeEngine

/// `--engine auto|wasmtime|wasmkit`.
public enum EngineChoice: String, CaseIterable, Sendable {
    case auto, wasmtime, wasmkit

    /// The engine to run with: `auto` takes Wasmtime when its library loads, else WasmKit.
    ///
    /// - Returns: the engine and a line saying which it is and why (for `--verbose`).
    public func makeEngine() throws -> (engine: any Engine, explanation: String) {
        switch self {
        case .wasmkit:
            return (WasmKitEngine(), "engine: wasmkit (requested)")
        case .wasmtime:
            let engine = try WasmtimeEngine()
            return (engine, "engine: wasmtime (requested), library \(engine.libraryPath)")
        case .auto:
            do {
                let engine = try WasmtimeEngine()
                return (engine, "engine: wasmtime, library \(engine.libraryPath)")
            } catch {
                return (WasmKitEngine(), "engine: wasmkit, because \(error)")
            }
        }
    }
}
