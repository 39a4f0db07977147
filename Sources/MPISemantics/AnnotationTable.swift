import MPIModel

/// The repository's table of parameter semantics that the header cannot express
/// (`headers/annotations.tsv`): one `function<TAB>parameter<TAB>kind` per line.
public struct AnnotationTable: Sendable {
    public private(set) var entries: [String: [String: ParameterKind]] = [:]
    /// Malformed lines, as error diagnostics naming the line.
    public private(set) var diagnostics: [GeneratorDiagnostic] = []

    public init(parsing text: String, source: String = "annotations.tsv") {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = "\(source):\(index + 1)"
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard fields.count == 3 else {
                diagnostics.append(GeneratorDiagnostic(.error, "expected function<TAB>parameter<TAB>kind", at: location))
                continue
            }
            do {
                let kind = try ParameterKind(parsing: fields[2])
                if entries[fields[0], default: [:]][fields[1]] != nil {
                    diagnostics.append(GeneratorDiagnostic(.error, "\(fields[0]) \(fields[1]) annotated twice", at: location))
                }
                entries[fields[0], default: [:]][fields[1]] = kind
            } catch {
                diagnostics.append(GeneratorDiagnostic(.error, "\(error)", at: location))
            }
        }
    }

    /// The annotation for a parameter, looking through nonblocking (`MPI_Igather`) and
    /// persistent (`MPI_Gather_init`) twins to the blocking function's entry.
    public func kind(function: String, parameter: String) -> ParameterKind? {
        for name in AnnotationTable.lookupNames(function) {
            if let kind = entries[name]?[parameter] { return kind }
        }
        return nil
    }

    /// `MPI_Igather` -> [`MPI_Igather`, `MPI_Gather`]; `MPI_Gather_init` -> [..., `MPI_Gather`].
    static func lookupNames(_ function: String) -> [String] {
        var names = [function]
        if function.hasSuffix("_init") { names.append(String(function.dropLast(5))) }
        for name in names where name.hasPrefix("MPI_I") {
            let rest = name.dropFirst(5)
            if let first = rest.first { names.append("MPI_" + first.uppercased() + rest.dropFirst()) }
        }
        return names
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
