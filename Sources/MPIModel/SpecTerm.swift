/// The small term language of the annotation table and of the model dump:
/// `name`, `-12`, `name(term, term, ...)`.
///
/// `ParameterKind` and `LengthExpr` are written and read in this form, so the
/// annotation table, the JSON dump and the coverage report all say the same thing.
public indirect enum SpecTerm: Hashable, Sendable, CustomStringConvertible {
    case word(String)
    case number(Int)
    case call(String, [SpecTerm])

    public var description: String {
        switch self {
        case .word(let w): return w
        case .number(let n): return String(n)
        case .call(let name, let args): return "\(name)(\(args.map(\.description).joined(separator: ", ")))"
        }
    }

    /// Parses one term; the whole text must be consumed.
    public static func parse(_ text: String) throws -> SpecTerm {
        var parser = Parser(Array(text.unicodeScalars))
        let term = try parser.term()
        parser.skipSpaces()
        guard parser.atEnd else { throw SpecError("unexpected '\(parser.rest)' after \(term) in '\(text)'") }
        return term
    }

    struct Parser {
        let chars: [Unicode.Scalar]
        var position = 0

        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        var atEnd: Bool { position >= chars.count }
        var rest: String { String(String.UnicodeScalarView(chars[position...])) }

        mutating func skipSpaces() {
            while !atEnd, chars[position] == " " || chars[position] == "\t" { position += 1 }
        }

        mutating func term() throws -> SpecTerm {
            skipSpaces()
            let start = position
            if !atEnd, chars[position] == "-" { position += 1 }
            while !atEnd, chars[position].properties.isAlphabetic || ("0"..."9").contains(chars[position])
                || chars[position] == "_" || chars[position] == "*" {
                position += 1
            }
            let token = String(String.UnicodeScalarView(chars[start..<position]))
            guard !token.isEmpty, token != "-" else { throw SpecError("expected a term at '\(rest)'") }
            if let number = Int(token) { return .number(number) }
            skipSpaces()
            guard !atEnd, chars[position] == "(" else { return .word(token) }
            position += 1
            var args: [SpecTerm] = []
            skipSpaces()
            if !atEnd, chars[position] == ")" {
                position += 1
                return .call(token, args)
            }
            while true {
                args.append(try term())
                skipSpaces()
                guard !atEnd else { throw SpecError("missing ')' in \(token)(...)") }
                if chars[position] == ")" { position += 1; return .call(token, args) }
                guard chars[position] == "," else { throw SpecError("expected ',' or ')' at '\(rest)'") }
                position += 1
            }
        }
    }
}

/// A malformed term or one that names something unknown.
public struct SpecError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
