import MPIModel

/// A text template from `templates/`: literal text with `{{name}}` placeholders.
///
/// Rendering fails on a placeholder without a value or a value without a placeholder, so the
/// template and the emitter cannot drift apart silently.
public struct Template: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    public func render(_ values: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(text)
        var used = Set<String>()
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw SpecError("\(name): unterminated placeholder")
            }
            let key = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[key] else { throw SpecError("\(name): no value for {{\(key)}}") }
            out += value
            used.insert(key)
            rest = rest[close.upperBound...]
        }
        let unused = Set(values.keys).subtracting(used)
        guard unused.isEmpty else { throw SpecError("\(name): template lacks {{\(unused.sorted().joined(separator: "}}, {{"))}}") }
        return out + rest
    }
}
