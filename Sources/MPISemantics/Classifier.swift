import MPIModel

/// The classify stage: gives every parameter of every function a `ParameterKind`, from the
/// annotation table first and then from types and names; a function with any parameter left
/// unclassified gets an `unboundReason` and no binding.
public struct Classifier {
    public let annotations: AnnotationTable
    /// Functions left unbound on purpose, with the reason (`headers/unbound.tsv`).
    public let unbound: [String: String]
    /// The constants integer parameters carry (`headers/domains.tsv`).
    public let domains: DomainTable

    public init(annotations: AnnotationTable, unbound: [String: String] = [:], domains: DomainTable = DomainTable(parsing: "")) {
        self.annotations = annotations
        self.unbound = unbound
        self.domains = domains
    }

    /// Variadic functions whose extra arguments have no meaning the host could use (MPI 4.1
    /// section 15.2.4: MPI_Pcontrol's are implementation-defined): bound on their fixed arguments.
    static let variadicFixedArguments: Set<String> = ["MPI_Pcontrol"]

    /// Parses `function<TAB>reason` lines.
    public static func parseUnbound(_ text: String) -> [String: String] {
        var reasons: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if fields.count == 2 { reasons[fields[0]] = fields[1] }
        }
        return reasons
    }

    /// Returns the classified model and what could not be classified.
    public func classify(_ api: MPIAPI) -> (MPIAPI, [GeneratorDiagnostic]) {
        var result = api
        var diagnostics = annotations.diagnostics + domains.diagnostics
        result.functions = api.functions.map { function in
            var function = function
            function.isGuestLocal = GuestLocalFunctions.isGuestLocal(function.name)
            var problems: [String] = []
            let names = standardNames(function)
            if let problem = names.problem { problems.append(problem) }
            for index in function.parameters.indices {
                let parameter = function.parameters[index]
                let kind = annotations.kind(function: function.name, parameter: names.standard[index])?.renamed(names.toHost)
                    ?? inferredKind(parameter, at: index, in: function)
                function.parameters[index].kind = kind
                if kind == nil { problems.append("\(parameter.name) (\(parameter.hostSpelling))") }
                if let domain = domains.domain(function: function.name, parameter: names.standard[index]), domain != .none {
                    if parameter.holdsIntegers {
                        function.parameters[index].domain = domain
                    } else if domains.entries[function.name] != nil {
                        diagnostics.append(GeneratorDiagnostic(.warning, "domain \(domain.rawValue) given to \(parameter.name), which holds no integers", at: function.name))
                    }
                }
            }
            if function.returnType.containsUnknown { problems.append("return type \(function.returnType.guestSpelling)") }
            if function.isVariadic && !Classifier.variadicFixedArguments.contains(function.name) { problems.append("variadic") }
            problems += referenceProblems(function)
            if let reason = unbound[function.name] {
                if problems.isEmpty {
                    diagnostics.append(GeneratorDiagnostic(.warning, "listed as unbound but fully classified: remove it from unbound.tsv", at: function.name))
                }
                function.unboundReason = reason
            } else if !problems.isEmpty {
                function.unboundReason = "cannot classify " + problems.joined(separator: ", ")
                diagnostics.append(GeneratorDiagnostic(
                    .warning, "\(function.unboundReason!); binding not generated", at: function.name))
            }
            return function
        }
        let declared = Set(api.functions.map(\.name))
        for name in unbound.keys.sorted() where !declared.contains(name) {
            diagnostics.append(GeneratorDiagnostic(.note, "listed as unbound but not declared by this host", at: name))
        }
        diagnostics += unusedAnnotations(api)
        return (result, diagnostics)
    }

    /// The standard's name of each parameter, and the map back to the host's names; identity
    /// unless the annotation table gives the function's standard signature.
    func standardNames(_ function: MPIFunction) -> (standard: [String], toHost: [String: String], problem: String?) {
        let host = function.parameters.map(\.name)
        guard let signature = annotations.signature(function: function.name) else {
            return (host, [:], nil)
        }
        guard signature.count <= host.count else {
            return (host, [:], "the standard signature (\(signature.joined(separator: ", "))) has more parameters than the host's")
        }
        let standard = signature + host.dropFirst(signature.count)
        var toHost: [String: String] = [:]
        for (s, h) in zip(standard, host) where s != h { toHost[s] = h }
        return (standard, toHost, nil)
    }

    /// Kinds that name parameters the function does not have.
    func referenceProblems(_ function: MPIFunction) -> [String] {
        let names = Set(function.parameters.map(\.name))
        return function.parameters.flatMap { parameter in
            (parameter.kind?.parameterNames ?? []).filter { !names.contains($0) }.map {
                "\(parameter.name) refers to unknown parameter \($0)"
            }
        }
    }

    /// Annotations for functions or parameters the header does not declare (a typo, or a host without them).
    func unusedAnnotations(_ api: MPIAPI) -> [GeneratorDiagnostic] {
        let declared = Dictionary(uniqueKeysWithValues: api.functions.map { ($0.name, Set(standardNames($0).standard)) })
        return annotations.entries.keys.sorted().flatMap { function -> [GeneratorDiagnostic] in
            guard let parameters = declared[function] else {
                return [GeneratorDiagnostic(.note, "annotated function not declared by this host", at: function)]
            }
            return annotations.entries[function]!.keys.sorted().filter { !parameters.contains($0) }.map {
                GeneratorDiagnostic(.warning, "annotation for unknown parameter \($0)", at: function)
            }
        }
    }
}
