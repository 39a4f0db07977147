/// The model of one host's MPI API: what its `mpi.h` declares, plus the semantics
/// the classifier attached to each parameter.
///
/// Emitters (wasm `mpi.h`, JSON dump, coverage report, and later the Swift host
/// bindings and the validation matrix) read only this.
public struct MPIAPI: Codable, Sendable, Equatable {
    public var host: HostInfo
    public var handleTypes: [HandleType]
    public var callbackTypes: [CallbackType]
    public var functions: [MPIFunction]
    public var constants: [HostConstant]
    public var status: StatusLayout?
    /// Function-like `MPI_` macros of the host header (Open MPI's `MPI_Aint_add`, ...).
    public var functionLikeMacros: [String]
    /// `MPI_` typedefs of enums (MPI 4's `MPI_T_cb_safety`, `MPI_T_source_order`): ints on the guest.
    public var enumTypes: [String]

    public init(
        host: HostInfo, handleTypes: [HandleType] = [], callbackTypes: [CallbackType] = [],
        functions: [MPIFunction] = [], constants: [HostConstant] = [], status: StatusLayout? = nil,
        functionLikeMacros: [String] = [], enumTypes: [String] = []
    ) {
        self.functionLikeMacros = functionLikeMacros
        self.enumTypes = enumTypes
        self.host = host
        self.handleTypes = handleTypes
        self.callbackTypes = callbackTypes
        self.functions = functions
        self.constants = constants
        self.status = status
    }

    public func function(named name: String) -> MPIFunction? {
        functions.first { $0.name == name }
    }
}

/// Which MPI the model was read from.
public struct HostInfo: Codable, Sendable, Equatable {
    /// `Open MPI`, `MPICH`, or `unknown`.
    public var implementation: String
    /// The implementation's own version, e.g. `4.1.4`.
    public var implementationVersion: String
    /// `MPI_VERSION` and `MPI_SUBVERSION`: the standard the host implements.
    public var mpiVersion: Int
    public var mpiSubversion: Int
    /// The header's file name (no directory, so the output does not depend on the install prefix).
    public var header: String

    public init(implementation: String, implementationVersion: String, mpiVersion: Int, mpiSubversion: Int, header: String) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.mpiVersion = mpiVersion
        self.mpiSubversion = mpiSubversion
        self.header = header
    }
}

/// A handle typedef and how the host represents it.
public struct HandleType: Codable, Sendable, Equatable {
    public enum Representation: String, Codable, Sendable {
        /// Open MPI: a pointer to an opaque struct.
        case pointer
        /// MPICH: an `int`.
        case integer
    }

    public var kind: HandleKind
    public var representation: Representation
    /// The host's C spelling of the underlying type.
    public var hostSpelling: String

    public init(kind: HandleKind, representation: Representation, hostSpelling: String) {
        self.kind = kind
        self.representation = representation
        self.hostSpelling = hostSpelling
    }
}

/// A function typedef used for callbacks into user code.
public struct CallbackType: Codable, Sendable, Equatable {
    public var name: String
    public var result: CTypeRef
    public var parameters: [CTypeRef]
    public var isVariadic: Bool

    public init(name: String, result: CTypeRef, parameters: [CTypeRef], isVariadic: Bool) {
        self.name = name
        self.result = result
        self.parameters = parameters
        self.isVariadic = isVariadic
    }
}

/// The host's `MPI_Status`: its size and the offsets of the public fields.
public struct StatusLayout: Codable, Sendable, Equatable {
    public var size: Int
    public var fields: [Field]

    public struct Field: Codable, Sendable, Equatable {
        public var name: String
        public var offset: Int
        public var size: Int
        public init(name: String, offset: Int, size: Int) {
            self.name = name
            self.offset = offset
            self.size = size
        }
    }

    public init(size: Int, fields: [Field]) {
        self.size = size
        self.fields = fields
    }
}

extension MPIAPI {
    /// The callback type whose exported trampoline serves `callback`: callback types with the
    /// same signature (`MPI_Comm_errhandler_fn` and `MPI_Comm_errhandler_function`) share one,
    /// named after the standard (non-`_fn`) type. The header emitter and the runtime both ask here.
    public func trampolineType(for callback: String) -> String? {
        guard let type = callbackTypes.first(where: { $0.name == callback }) else { return nil }
        let twins = callbackTypes.filter { $0.signature == type.signature }.map(\.name)
        return twins.sorted { ($0.hasSuffix("_fn") ? 1 : 0, $0) < ($1.hasSuffix("_fn") ? 1 : 0, $1) }.first
    }
}

extension CallbackType {
    /// Result, parameters and variadic-ness: what makes two callback types interchangeable.
    public var signature: String {
        ([result.guestSpelling] + parameters.map(\.guestSpelling) + (isVariadic ? ["..."] : [])).joined(separator: ",")
    }
}
