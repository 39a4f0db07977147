/// Error codes and classes between the host's values and the guest ABI's (MPI_ERR_RANK is 6
/// in the ABI; hosts number some classes otherwise).
public struct ErrorCodes: Sendable {
    private let hostToGuest: [Int32: Int32]
    private let guestToHost: [Int32: Int32]
    public init(constants: HostConstants) {
        let classes = constants.entries.filter { ($0.name.hasPrefix("MPI_ERR_") || $0.name.hasPrefix("MPI_T_ERR_") || $0.name == "MPI_SUCCESS") && $0.name != "MPI_ERR_LASTCODE" && $0.type == "int" }
        hostToGuest = Dictionary(classes.map { (Int32(truncatingIfNeeded: Int64(bitPattern: $0.host)), Int32($0.guest)) }, uniquingKeysWith: { a, _ in a })
        guestToHost = Dictionary(classes.map { (Int32($0.guest), Int32(truncatingIfNeeded: Int64(bitPattern: $0.host))) }, uniquingKeysWith: { a, _ in a })
    }

    /// The guest's code for a host error code: predefined classes by their ABI value; codes
    /// the program added (MPI_Add_error_code) unchanged; other host codes by their class.
    public func guestCode(host code: Int32, hostClass: (Int32) -> Int32) -> Int32 {
        if let guest = hostToGuest[code] { return guest }
        let errorClass = hostClass(code)
        if errorClass != code, let guest = hostToGuest[errorClass], isAddedCode(code) == false { return guest }
        return code
    }

    /// The host's code for a code the guest passes in (MPI_Error_string, MPI_Comm_call_errhandler).
    public func hostCode(guest code: Int32) -> Int32 {
        guestToHost[code] ?? code
    }

    /// Whether `code` is one of the ABI's error classes (MPI_SUCCESS included), whether or not
    /// the host has it: 0...62 and the tool interface's 1001...1018.
    public func isGuestClass(_ code: Int32) -> Bool { (0...62).contains(code) || (1001...1018).contains(code) || guestToHost[code] != nil }

    /// Codes above every predefined class: those MPI_Add_error_class/code handed out.
    func isAddedCode(_ code: Int32) -> Bool { code > (hostToGuest.keys.max() ?? 0) }
}
