import CMPI

/// A host MPI handle as the handle tables store it (64 bits), for either representation a host
/// header uses: Open MPI's pointers (`MPI_Comm` is `OpaquePointer`, used as `MPI_Comm?`) or
/// MPICH's integers (`MPI_Comm` is `Int32`). Hand-written runtime code converts through this;
/// the generated bindings spell the conversion out for the host they were generated from.
public protocol HostHandle {
    init(hostBits: UInt64)
    var hostBits: UInt64 { get }
}

extension Int32: HostHandle {
    public init(hostBits: UInt64) { self = Int32(truncatingIfNeeded: hostBits) }
    public var hostBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
}

extension Optional: HostHandle where Wrapped == OpaquePointer {
    public init(hostBits: UInt64) { self = OpaquePointer(bitPattern: UInt(hostBits)) }
    public var hostBits: UInt64 { UInt64(UInt(bitPattern: self)) }
}

#if MPIWASM_HOST_MPICH
public typealias HostComm = MPI_Comm
public typealias HostDatatype = MPI_Datatype
public typealias HostGroup = MPI_Group
public typealias HostRequest = MPI_Request
public typealias HostWin = MPI_Win
#else
public typealias HostComm = MPI_Comm?
public typealias HostDatatype = MPI_Datatype?
public typealias HostGroup = MPI_Group?
public typealias HostRequest = MPI_Request?
public typealias HostWin = MPI_Win?
#endif
