/// One `MPI_` function of the host header.
public struct MPIFunction: Codable, Sendable, Equatable {
    public var name: String
    public var returnType: CTypeRef
    public var parameters: [Parameter]
    /// Whether the header also declares the `PMPI_` profiling twin (folded into this entry).
    public var hasProfilingTwin: Bool
    public var isVariadic: Bool
    /// Set by the classifier: why no binding is generated, or nil when every parameter is classified.
    public var unboundReason: String?
    /// Set by the classifier: computed in the guest by the header (Fortran handle conversions,
    /// address arithmetic), never imported from the host.
    public var isGuestLocal: Bool = false

    public init(
        name: String, returnType: CTypeRef, parameters: [Parameter], hasProfilingTwin: Bool = false,
        isVariadic: Bool = false, isGuestLocal: Bool = false
    ) {
        self.isGuestLocal = isGuestLocal
        self.name = name
        self.returnType = returnType
        self.parameters = parameters
        self.hasProfilingTwin = hasProfilingTwin
        self.isVariadic = isVariadic
    }

    /// A binding can be generated: the classifier understood every parameter.
    public var isBound: Bool { unboundReason == nil && parameters.allSatisfy { $0.kind != nil } }

    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

/// One parameter: its C type, and the meaning the classifier gave it.
public struct Parameter: Codable, Sendable, Equatable {
    public var name: String
    public var type: CTypeRef
    /// The host header's own spelling, for reports.
    public var hostSpelling: String
    /// Nil until classified; stays nil when the classifier could not decide.
    public var kind: ParameterKind?
    /// The constants its integer value(s) can carry, when they need translating.
    public var domain: ValueDomain?

    public init(name: String, type: CTypeRef, hostSpelling: String, kind: ParameterKind? = nil, domain: ValueDomain? = nil) {
        self.name = name
        self.type = type
        self.hostSpelling = hostSpelling
        self.kind = kind
        self.domain = domain
    }
}
