/// Host `MPI_Status` storage for the calls that take one, without a heap allocation per call.
///
/// Calls nest only through callbacks into the guest (which may call MPI again), so the slots
/// are used like a stack: `acquire` takes the next one, `release` gives back the last.
public final class StatusPool: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutableRawPointer
    @usableFromInline let statusSize: Int
    @usableFromInline let capacity = 64
    @usableFromInline let depth: UnsafeMutablePointer<Int>

    init(statusSize: Int) {
        self.statusSize = statusSize
        storage = .allocate(byteCount: statusSize * capacity, alignment: 16)
        depth = .allocate(capacity: 1)
        depth.initialize(to: 0)
    }

    /// A status for one call; callbacks nested deeper than the pool holds end the job.
    @inlinable
    public func acquire() -> UnsafeMutableRawPointer {
        let slot = depth.pointee
        precondition(slot < capacity, "MPI calls nested more than \(capacity) deep through callbacks")
        depth.pointee = slot + 1
        return storage + slot * statusSize
    }

    @inlinable
    public func release() { depth.pointee -= 1 }
}
