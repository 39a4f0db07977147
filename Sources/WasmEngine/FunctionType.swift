/// A wasm value type; the host functions of mpiwasm use only numbers.
public enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case i32, i64, f32, f64

    public var description: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        }
    }
}

/// A function signature: parameter and result types.
public struct FunctionType: Sendable, Hashable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(_ parameters: [ValueType], _ results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "(\(parameters.map(\.description).joined(separator: ", "))) -> (\(results.map(\.description).joined(separator: ", ")))"
    }
}
