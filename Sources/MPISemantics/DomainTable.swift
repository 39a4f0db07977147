import MPIModel

/// `headers/domains.tsv`: which constants integer parameters carry.
public struct DomainTable: Sendable {
    /// Function (or `*`) to parameter to domain.
    public private(set) var entries: [String: [String: ValueDomain]] = [:]
    public private(set) var diagnostics: [GeneratorDiagnostic] = []

    public init(parsing text: String, source: String = "domains.tsv") {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { String($0).trimmingSpaces }
            let location = "\(source):\(index + 1)"
            guard fields.count == 3 else {
                diagnostics.append(GeneratorDiagnostic(.error, "expected function<TAB>parameter<TAB>domain", at: location))
                continue
            }
            guard let domain = ValueDomain(rawValue: fields[2]) else {
                diagnostics.append(GeneratorDiagnostic(.error, "unknown domain '\(fields[2])'", at: location))
                continue
            }
            entries[fields[0], default: [:]][fields[1]] = domain
        }
    }

    /// The domain of a parameter (by its standard name), looking through twins, then `*`.
    public func domain(function: String, parameter: String) -> ValueDomain? {
        for name in AnnotationTable.lookupNames(function) {
            if let domain = entries[name]?[parameter] { return domain }
        }
        return entries["*"]?[parameter]
    }
}

extension Parameter {
    /// Whether the parameter holds integers a domain can apply to: an integer, a pointer to one,
    /// or an array of them.
    var holdsIntegers: Bool {
        let integers: Set<String> = ["int", "long", "long long", "MPI_Aint", "MPI_Offset", "MPI_Count", "MPI_Fint"]
        switch type {
        case .scalar(let name): return integers.contains(name)
        case .pointer(.scalar(let name), _), .array(.scalar(let name), _): return integers.contains(name)
        default: return false
        }
    }
}
