import CMPI
import CMPIShims

/// The lower bounds, extents and sizes of host datatypes, for buffer checks and the guards
/// that answer for types of size 0, and whether they are committed (a buffer of an uncommitted
/// type is refused: Open MPI 4.1 crashes on some): asked of MPI once per datatype and again
/// after MPI_Type_commit, then found by a direct-mapped lookup on the handle's bits (no
/// hashing), with a dictionary behind it for datatypes that collide.
struct ExtentCache {
    typealias Extents = (lb: Int64, extent: Int64, trueLB: Int64, trueExtent: Int64, size: Int64, committed: Bool)

    private let slots: UnsafeMutablePointer<(datatype: UInt64, extents: Extents)?>
    private var others: [UInt64: Extents] = [:]
    private static let size = 256

    init() {
        slots = .allocate(capacity: Self.size)
        slots.initialize(repeating: nil, count: Self.size)
    }

    private static func slot(_ datatype: UInt64) -> Int { Int(truncatingIfNeeded: (datatype >> 3 ^ datatype >> 11) & UInt64(size - 1)) }

    /// A hit is one slot read, inlined into the buffer check; the rest is out of line.
    @inline(__always)
    mutating func extents(_ datatype: UInt64) throws(TranslationError) -> Extents {
        if let entry = slots[Self.slot(datatype)], entry.datatype == datatype { return entry.extents }
        return try missed(datatype)
    }

    @inline(never)
    private mutating func missed(_ datatype: UInt64) throws(TranslationError) -> Extents {
        let slot = Self.slot(datatype)
        if let known = others[datatype] { return known }
        var values = [Int64](repeating: 0, count: 5)
        guard mpiwasm_type_extents(datatype, &values) == MPI_SUCCESS else {
            throw TranslationError(GuestErrorClass.type, "invalid datatype")
        }
        let extents = (values[0], values[1], values[2], values[3], values[4], mpiwasm_type_committed(datatype) != 0)
        if slots[slot] == nil { slots[slot] = (datatype, extents) } else { others[datatype] = extents }
        return extents
    }

    /// The datatype was freed (its handle may come back for another type) or committed.
    mutating func forget(_ datatype: UInt64) {
        let slot = Self.slot(datatype)
        if slots[slot]?.datatype == datatype { slots[slot] = nil }
        others[datatype] = nil
    }
}
