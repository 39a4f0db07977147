import Foundation

/// Reads the function imports of a wasm module (module name, field name): enough of the binary
/// format to check what a compiled program asks of the runtime.
enum WasmImports {
    struct Import: Hashable {
        var module: String
        var name: String
    }

    static func read(_ url: URL) throws -> [Import] {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count >= 8, bytes[0..<4] == [0, 0x61, 0x73, 0x6d] else { throw ReadError("not a wasm module: \(url.path)") }
        var position = 8
        func leb() throws -> Int {
            var result = 0, shift = 0
            while true {
                guard position < bytes.count else { throw ReadError("truncated module") }
                let byte = Int(bytes[position]); position += 1
                result |= (byte & 0x7f) << shift
                shift += 7
                if byte < 0x80 { return result }
            }
        }
        func name() throws -> String {
            let length = try leb()
            defer { position += length }
            return String(decoding: bytes[position..<position + length], as: UTF8.self)
        }
        while position < bytes.count {
            let id = bytes[position]; position += 1
            let size = try leb()
            let end = position + size
            if id == 2 {
                var imports: [Import] = []
                for _ in 0..<(try leb()) {
                    let module = try name(), field = try name()
                    let kind = bytes[position]; position += 1
                    switch kind {
                    case 0: _ = try leb(); imports.append(Import(module: module, name: field))
                    case 1: position += 1; let flags = try leb(); _ = try leb(); if flags & 1 == 1 { _ = try leb() }
                    case 2: let flags = try leb(); _ = try leb(); if flags & 1 == 1 { _ = try leb() }
                    case 3: position += 2
                    default: throw ReadError("unknown import kind \(kind)")
                    }
                }
                return imports
            }
            position = end
        }
        return []
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
