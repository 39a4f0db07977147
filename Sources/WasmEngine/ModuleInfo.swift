/// The imports and exports of a wasm module, read from its binary without an engine, so that
/// the runtime can refuse a module (a missing MPI function, a signature from another ABI)
/// before anything runs.
public struct ModuleInfo: Sendable, Equatable {
    public struct Import: Sendable, Hashable {
        public var module: String
        public var name: String
        /// The signature of an imported function; nil for other kinds of import.
        public var function: FunctionType?
    }

    public var imports: [Import]
    public var exports: [String]
    /// The lowest function-table index the module's active element segments fill (wasm-ld
    /// starts at 1 unless linked with `--table-base`); nil without such segments.
    public var lowestTableIndex: Int?
    /// The function-table indices those segments fill, from the lowest to the highest: a
    /// function pointer the module hands MPI must be one of them.
    public var tableIndices: Range<Int>?

    /// Parses the type, import and export sections.
    ///
    /// - Throws: `EngineError.invalidModule` naming what is wrong.
    public init(bytes: [UInt8]) throws {
        var reader = Reader(bytes: bytes)
        guard bytes.count >= 8, Array(bytes[0..<4]) == [0x00, 0x61, 0x73, 0x6d] else {
            throw EngineError.invalidModule("no wasm magic number (\\0asm) at the start")
        }
        guard Array(bytes[4..<8]) == [1, 0, 0, 0] else { throw EngineError.invalidModule("unsupported wasm version") }
        reader.position = 8
        var types: [FunctionType?] = []
        imports = []
        exports = []
        while !reader.atEnd {
            let id = try reader.byte()
            let size = try reader.leb()
            let end = reader.position + size
            guard end <= bytes.count else { throw EngineError.invalidModule("section \(id) runs past the end of the module") }
            switch id {
            case 1: types = try Self.readTypes(&reader)
            case 2: imports = try Self.readImports(&reader, types: types)
            case 7: exports = try Self.readExports(&reader)
            case 9:
                tableIndices = try Self.readTableIndices(&reader)
                lowestTableIndex = tableIndices?.lowerBound
            default: break
            }
            reader.position = end
        }
    }

    /// Imports from one module (`mpi`), by name.
    public func imports(from module: String) -> [Import] { imports.filter { $0.module == module } }

    static func readTypes(_ reader: inout Reader) throws -> [FunctionType?] {
        try (0..<reader.leb()).map { _ -> FunctionType? in
            guard try reader.byte() == 0x60 else { return nil }  // GC type forms: not used by C modules
            let parameters = try (0..<reader.leb()).map { _ in try reader.valueType() }
            let results = try (0..<reader.leb()).map { _ in try reader.valueType() }
            guard parameters.allSatisfy({ $0 != nil }), results.allSatisfy({ $0 != nil }) else { return nil }
            return FunctionType(parameters.map { $0! }, results.map { $0! })
        }
    }

    static func readImports(_ reader: inout Reader, types: [FunctionType?]) throws -> [Import] {
        try (0..<reader.leb()).map { _ in
            let module = try reader.name(), name = try reader.name()
            switch try reader.byte() {
            case 0:
                let index = try reader.leb()
                guard index < types.count else { throw EngineError.invalidModule("import \(module).\(name) has no type \(index)") }
                return Import(module: module, name: name, function: types[index])
            case 1: _ = try reader.byte(); try reader.limits()
            case 2: try reader.limits()
            case 3: _ = try reader.byte(); _ = try reader.byte()
            case 4: _ = try reader.byte(); _ = try reader.leb()
            case let kind: throw EngineError.invalidModule("import \(module).\(name) has unknown kind \(kind)")
            }
            return Import(module: module, name: name, function: nil)
        }
    }

    /// The indices filled by the element segments with a constant offset into table 0 (flags
    /// 0, what wasm-ld writes); other segment forms end the scan.
    static func readTableIndices(_ reader: inout Reader) throws -> Range<Int>? {
        var lowest: Int?, end = 0
        for _ in 0..<(try reader.leb()) {
            guard try reader.leb() == 0, try reader.byte() == 0x41 else { break }
            let offset = try reader.sleb()
            guard try reader.byte() == 0x0b else { break }
            let count = try reader.leb()
            for _ in 0..<count { _ = try reader.leb() }
            if count > 0 {
                lowest = min(lowest ?? offset, offset)
                end = max(end, offset + count)
            }
        }
        return lowest.map { $0..<end }
    }

    static func readExports(_ reader: inout Reader) throws -> [String] {
        try (0..<reader.leb()).map { _ in
            let name = try reader.name()
            _ = try reader.byte()
            _ = try reader.leb()
            return name
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw EngineError.invalidModule("truncated at byte \(position)") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func leb() throws -> Int {
            var result = 0, shift = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw EngineError.invalidModule("integer too long at byte \(position)") }
                result |= Int(b & 0x7f) << shift
                shift += 7
                if b < 0x80 { return result }
            }
        }

        mutating func sleb() throws -> Int {
            var result = 0, shift = 0, b: UInt8 = 0
            repeat {
                b = try byte()
                guard shift < 64 else { throw EngineError.invalidModule("integer too long at byte \(position)") }
                result |= Int(b & 0x7f) << shift
                shift += 7
            } while b >= 0x80
            if shift < 64, b & 0x40 != 0 { result |= -1 << shift }
            return result
        }

        mutating func name() throws -> String {
            let length = try leb()
            guard position + length <= bytes.count else { throw EngineError.invalidModule("name runs past the end") }
            defer { position += length }
            return String(decoding: bytes[position..<position + length], as: UTF8.self)
        }

        mutating func valueType() throws -> ValueType? {
            switch try byte() {
            case 0x7f: return .i32
            case 0x7e: return .i64
            case 0x7d: return .f32
            case 0x7c: return .f64
            case 0x63, 0x64: _ = try byte(); return nil  // (ref null? ht)
            default: return nil
            }
        }

        mutating func limits() throws {
            let flags = try byte()
            _ = try leb()
            if flags & 1 == 1 { _ = try leb() }
        }
    }
}
