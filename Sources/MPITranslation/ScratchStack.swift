/// Host-side temporaries of one call (handle arrays, their guest values, statuses) without a
/// heap allocation per call: `Waitall` on a halo exchange's four requests would otherwise
/// allocate three times.
///
/// Calls nest only through callbacks into the guest, so temporaries are taken and given back
/// like a stack (`push` in the order of the call's arguments, `pop` in `defer`s, which run in
/// reverse). What does not fit comes from the heap, and `pop` gives it back there.
public final class ScratchStack: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let capacity: Int
    @usableFromInline var top = 0

    public init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Room for `count` values of `T` (uninitialized).
    @inlinable
    public func push<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let start = (top + 15) & ~15
        let bytes = MemoryLayout<T>.stride * count
        guard bytes <= capacity - start else { return .allocate(capacity: count) }
        top = start + bytes
        return (base + start).bindMemory(to: T.self, capacity: count)
    }

    /// Gives back the last `push` still taken.
    @inlinable
    public func pop<T>(_ pointer: UnsafeMutablePointer<T>) {
        let offset = UnsafeRawPointer(pointer) - UnsafeRawPointer(base)
        if offset >= 0 && offset < capacity { top = offset } else { pointer.deallocate() }
    }
}
