/// A problem a generator stage recovered from: collected, printed, and listed in the report.
public struct GeneratorDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var severity: Severity
    public var message: String
    /// `file:line`, a function name, or empty.
    public var location: String

    public init(_ severity: Severity, _ message: String, at location: String = "") {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public var description: String {
        (location.isEmpty ? "" : location + ": ") + severity.rawValue + ": " + message
    }
}
