import CWasmtime
import Foundation

/// Reading Wasmtime's errors and traps, for the engine and for calls into the guest alike.
extension mpiwasm_wasmtime_api {
    /// The message of an error, which is deleted.
    func consume(_ error: OpaquePointer) -> String {
        var message = wasm_byte_vec_t()
        wasmtime_error_message(error, &message)
        defer {
            wasm_byte_vec_delete(&message)
            wasmtime_error_delete(error)
        }
        return string(message)
    }

    /// A trap's message and backtrace (function names where the module has them); the trap is deleted.
    func describe(_ trap: OpaquePointer) -> (message: String, backtrace: [String]) {
        var message = wasm_byte_vec_t()
        wasm_trap_message(trap, &message)
        var frames = wasm_frame_vec_t()
        wasm_trap_trace(trap, &frames)
        defer {
            wasm_byte_vec_delete(&message)
            wasm_frame_vec_delete(&frames)
            wasm_trap_delete(trap)
        }
        let backtrace = (0..<frames.size).map { index -> String in
            let frame = frames.data[index]
            let name = wasmtime_frame_func_name(frame).map { string($0.pointee) } ?? "<unnamed>"
            return "\(index): \(name) (function \(wasm_frame_func_index(frame)))"
        }
        return (Self.cause(string(message)), backtrace)
    }

    /// Wasmtime's trap message repeats its own backtrace before "Caused by:"; keep the cause.
    static func cause(_ message: String) -> String {
        guard let range = message.range(of: "Caused by:") else { return message }
        let cause = message[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return cause.hasPrefix("wasm trap: ") ? String(cause.dropFirst("wasm trap: ".count)) : cause
    }

    func string(_ vector: wasm_byte_vec_t) -> String {
        guard let data = vector.data, vector.size > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: vector.size)
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
