/// A constant the host header defines (a macro or an enumerator), with what the scanner
/// learnt of its value.
public struct HostConstant: Codable, Sendable, Equatable {
    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    public enum Value: Codable, Sendable, Equatable {
        /// An integer constant expression (macro or enumerator), evaluated by libclang.
        case integer(Int64)
        case float(Double)
        case string(String)
        /// A predefined handle: Open MPI's `&ompi_mpi_comm_world` casts, MPICH's integer casts.
        /// `hostValue` is the integer value where the host handle is an integer.
        case handle(HandleKind, hostValue: Int64?)
        /// A pointer sentinel (`MPI_IN_PLACE`, `MPI_STATUS_IGNORE`, `MPI_UNWEIGHTED`, callback
        /// constants such as `MPI_COMM_DUP_FN`), with its type and integer value when constant.
        case pointer(type: CTypeRef, hostValue: Int64?)
        /// An object-like macro that is not a constant expression (attributes, types, empty macros).
        case notConstant(reason: String)
    }
}
