import MPIModel

/// The classify stage: gives every parameter of every function a `ParameterKind`, from the
/// annotation table first and then from types and names; a function with any parameter left
/// unclassified gets an `unboundReason` and no binding.
public struct Classifier {
    public let annotations: AnnotationTable

    public init(annotations: AnnotationTable) { self.annotations = annotations }

    /// Returns the classified model and what could not be classified.
    public func classify(_ api: MPIAPI) -> (MPIAPI, [GeneratorDiagnostic]) {
        var result = api
        var diagnostics = annotations.diagnostics
        result.functions = api.functions.map { function in
            var function = function
            function.isGuestLocal = GuestLocalFunctions.isGuestLocal(function.name)
            var problems: [String] = []
            for index in function.parameters.indices {
                let parameter = function.parameters[index]
                let kind = annotations.kind(function: function.name, parameter: parameter.name)
                    ?? inferredKind(parameter, at: index, in: function)
                function.parameters[index].kind = kind
                if kind == nil { problems.append("\(parameter.name) (\(parameter.hostSpelling))") }
            }
            if function.returnType.containsUnknown { problems.append("return type \(function.returnType.guestSpelling)") }
            if function.isVariadic { problems.append("variadic") }
            problems += referenceProblems(function)
            if !problems.isEmpty {
                function.unboundReason = "cannot classify " + problems.joined(separator: ", ")
                diagnostics.append(GeneratorDiagnostic(
                    .warning, "\(function.unboundReason!); binding not generated", at: function.name))
            }
            return function
        }
        diagnostics += unusedAnnotations(api)
        return (result, diagnostics)
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
        let declared = Dictionary(uniqueKeysWithValues: api.functions.map { ($0.name, Set($0.parameters.map(\.name))) })
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
