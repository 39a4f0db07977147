import MPIModel

/// The repository's table of parameter semantics that the header cannot express
/// (`headers/annotations.tsv`): one `function<TAB>parameter<TAB>kind` per line.
public struct AnnotationTable: Sendable {
    public private(set) var entries: [String: [String: ParameterKind]] = [:]
    /// The standard's parameter names of a function, for hosts that name them otherwise
    /// (MPICH's `indx` for MPI_Graph_create's `index`): a line `function<TAB>(a, b, c)`.
    public private(set) var signatures: [String: [String]] = [:]
    /// Malformed lines, as error diagnostics naming the line.
    public private(set) var diagnostics: [GeneratorDiagnostic] = []

    public init(parsing text: String, source: String = "annotations.tsv") {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = "\(source):\(index + 1)"
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            if fields.count == 2, fields[1].hasPrefix("("), fields[1].hasSuffix(")") {
                let names = fields[1].dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces }
                if signatures[fields[0]] != nil {
                    diagnostics.append(GeneratorDiagnostic(.error, "\(fields[0]) has two signatures", at: location))
                }
                signatures[fields[0]] = names
                continue
            }
            guard fields.count == 3 else {
                diagnostics.append(GeneratorDiagnostic(.error, "expected function<TAB>parameter<TAB>kind or function<TAB>(names)", at: location))
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

    /// The annotation for a parameter, looking through nonblocking (`MPI_Igather`), persistent
    /// (`MPI_Gather_init`) and large-count (`MPI_Gather_c`) twins to the blocking function's entry.
    public func kind(function: String, parameter: String) -> ParameterKind? {
        for name in AnnotationTable.lookupNames(function) {
            if let kind = entries[name]?[parameter] { return kind }
        }
        return nil
    }

    /// The standard's names for the leading parameters of `function` (or of its blocking twin).
    public func signature(function: String) -> [String]? {
        AnnotationTable.lookupNames(function).lazy.compactMap { signatures[$0] }.first
    }

    /// `MPI_Igather` -> [`MPI_Igather`, `MPI_Gather`]; `MPI_Gather_init_c` -> [..., `MPI_Gather_init`, `MPI_Gather`].
    static func lookupNames(_ function: String) -> [String] {
        var names = [function]
        if let last = names.last, last.hasSuffix("_c") { names.append(String(last.dropLast(2))) }
        if let last = names.last, last.hasSuffix("_init") { names.append(String(last.dropLast(5))) }
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
