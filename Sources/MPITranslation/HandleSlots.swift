/// The slots of a `HandleTable`'s created handles, in memory of their own: a table is one object
/// (copies of it share the slots), a lookup reads one slot (its host handle and generation side
/// by side), and creating or releasing a handle touches one slot and the head of the free list,
/// with no copy-on-write check or growable array on the way (requests are created and released
/// once per message).
@usableFromInline
final class HandleSlots: @unchecked Sendable {
    @usableFromInline
    struct Slot {
        @usableFromInline var host: UInt64 = 0
        /// Whether `host` is set: false while the slot is free or its handle suspended.
        @usableFromInline var live = false
        /// Bumped (mod 16) each time the slot is released.
        @usableFromInline var generation: UInt8 = 0
        /// While the slot is free: the next free slot, or -1.
        var nextFree: Int32 = -1
        /// The `HandleTable.firstRepeated` check that last saw the slot.
        var seenBy: UInt32 = 0
        /// The communicator a request's operation runs on (`HandleTable.guest(for:owner:)`).
        @usableFromInline var owner: Int32 = 0
    }

    @usableFromInline private(set) var base: UnsafeMutablePointer<Slot>
    /// Slots ever created (live, suspended or free).
    @usableFromInline private(set) var count = 0
    private var capacity: Int
    private var firstFree: Int32 = -1
    private(set) var freeCount = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// A slot for a new handle: the last one released, else a new one.
    @inline(__always)
    func take() -> Int {
        if firstFree >= 0 {
            let index = Int(firstFree)
            firstFree = base[index].nextFree
            freeCount -= 1
            return index
        }
        if count == capacity { grow() }
        (base + count).initialize(to: Slot())
        count += 1
        return count - 1
    }

    /// Puts a slot on the free list with its next generation.
    @inline(__always)
    func free(_ index: Int) {
        base[index].live = false
        base[index].generation = (base[index].generation &+ 1) & 0xF
        base[index].nextFree = firstFree
        firstFree = Int32(index)
        freeCount += 1
    }

    @inline(never)
    private func grow() {
        let larger = UnsafeMutablePointer<Slot>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// Clears every slot's mark of `firstRepeated` (when its check number wraps around).
    func clearMarks() {
        for index in 0..<count { base[index].seenBy = 0 }
    }
}
