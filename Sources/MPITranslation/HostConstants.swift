import CMPIShims

/// The host's value of every guest-ABI constant it defines, from the table generated against
/// its `mpi.h` (`Sources/CMPIShims/generated/<mpi>/host_constants.c`).
public struct HostConstants: Sendable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        /// The ABI type: `int`, a handle type (`MPI_Comm`), `void*`, a callback pointer type.
        public let type: String
        public let guest: Int64
        public let host: UInt64
    }

    public let entries: [Entry]
    public let byName: [String: Entry]

    /// The table of the host this runtime was built against.
    public static let shared = HostConstants(
        entries: (0..<mpiwasm_host_constants_count()).map { index in
            let entry = mpiwasm_host_constant_at(index)!.pointee
            return Entry(name: String(cString: entry.name), type: String(cString: entry.type), guest: entry.guest, host: entry.host)
        })

    public init(entries: [Entry]) {
        self.entries = entries
        byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func host(_ name: String) -> UInt64? { byName[name]?.host }
}
