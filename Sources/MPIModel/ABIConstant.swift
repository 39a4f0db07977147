/// A constant of the guest ABI: its standard-ABI value and C type
/// (`headers/mpi-abi-constants.tsv`, from the MPI Forum's standard ABI).
public struct ABIConstant: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// The value as written in the table (`0x101`, `-32766`), kept verbatim for the header.
        case literal(String)
        /// Same value as another constant.
        case alias(String)
    }

    public var name: String
    public var value: Value
    /// `int`, a handle type, `void*`, a callback pointer type, ...
    public var type: String

    public init(name: String, value: Value, type: String) {
        self.name = name
        self.value = value
        self.type = type
    }

    /// Parses the TSV (`name<TAB>value<TAB>type`, `#` comments, a header row).
    public static func parseTable(_ text: String) throws -> [ABIConstant] {
        var constants: [ABIConstant] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("#") || line.hasPrefix("name\t") || line.allSatisfy({ $0 == " " }) { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3 else { throw SpecError("ABI table line \(index + 1): expected 3 columns") }
            let value: Value = fields[2] == "alias" ? .alias(fields[1]) : .literal(fields[1])
            constants.append(ABIConstant(name: fields[0], value: value, type: fields[2]))
        }
        return constants
    }

    /// The integer value, for literal constants.
    public var integerValue: Int64? {
        guard case .literal(let text) = value else { return nil }
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let magnitude = digits.hasPrefix("0x") ? Int64(digits.dropFirst(2), radix: 16) : Int64(digits)
        return magnitude.map { negative ? -$0 : $0 }
    }
}
