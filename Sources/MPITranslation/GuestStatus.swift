import CMPIShims

/// `MPI_Status` between the host's layout and the guest's 32 bytes: the public fields by
/// name, the host's private bytes (count, cancelled flag) carried in `MPI_internal`.
public enum GuestStatus {
    /// The host's `sizeof(MPI_Status)`.
    public static let hostSize = mpiwasm_host_status_size()
    /// The guest's `sizeof(MPI_Status)`.
    public static let guestSize = 32

    /// Writes a host status to guest memory; `translate` maps MPI_SOURCE, MPI_TAG and MPI_ERROR
    /// (field 0, 1, 2) to the guest's values (MPI_PROC_NULL, MPI_ANY_TAG, error codes).
    public static func store(_ host: UnsafeRawPointer, to guest: UnsafeMutableRawPointer, translate: (Int, Int32) -> Int32) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8) { fields in
            _ = mpiwasm_status_to_guest(host, fields.baseAddress)
            for field in 0..<3 { fields[field] = translate(field, fields[field]) }
            guest.copyMemory(from: UnsafeRawPointer(fields.baseAddress!), byteCount: guestSize)
        }
    }

    /// Rebuilds a host status from guest memory (for MPI_Get_count and the like).
    public static func load(from guest: UnsafeRawPointer, to host: UnsafeMutableRawPointer, translate: (Int, Int32) -> Int32) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8) { fields in
            UnsafeMutableRawPointer(fields.baseAddress!).copyMemory(from: guest, byteCount: guestSize)
            for field in 0..<3 { fields[field] = translate(field, fields[field]) }
            mpiwasm_status_from_guest(fields.baseAddress, host)
        }
    }

    /// Whether the host's private status bytes fit the guest's `MPI_internal` (the launcher checks it before a module starts).
    public static var fitsGuest: Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: hostSize) { host in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 8) { guest in
                mpiwasm_status_to_guest(host.baseAddress, guest.baseAddress) == 0
            }
        }
    }
}
