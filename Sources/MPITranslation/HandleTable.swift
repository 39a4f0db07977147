/// The guest's 32-bit handles of one kind (communicators, datatypes, ...) and the host
/// handles they stand for.
///
/// Predefined handles keep their standard-ABI values (below 0x1000). Handles the host creates
/// carry their kind and the generation of their slot (`HandleTable.created`), so a handle of
/// another kind or a freed one is refused even after its slot is reused (up to 16 reuses).
/// Lookups are O(1); an unknown, freed or other-kind handle is that kind's error class, never
/// a crash. The created handles' slots are a `HandleSlots` object, which copies of a table share.
public struct HandleTable: Sendable {
    /// `MPI_Comm`, `MPI_Datatype`, ...
    public let kind: String
    /// The guest-ABI error class for a bad handle of this kind.
    public let errorClass: Int32
    /// The kind's null handle on both sides (`MPI_COMM_NULL`).
    public let guestNull: Int32
    public let hostNull: UInt64

    /// Predefined handles by `guest - predefinedBase` (they lie in one small range per kind).
    @usableFromInline let predefinedBase: Int32
    @usableFromInline let predefined: [UInt64?]
    @usableFromInline let slots = HandleSlots()
    private var guestOf: [UInt64: Int32]
    /// Whether every host handle returned as an out-parameter is a new object (requests: each
    /// call that returns one starts a new operation), so no reverse lookup is kept.
    let handlesAreNew: Bool

    public static let firstCreated: Int32 = 0x1000
    /// The kind number in a created handle's low 5 bits (`GuestHandleKind.rawValue`).
    public let tag: Int32
    @usableFromInline static let tagMask: Int32 = 0x1F
    /// For `firstRepeated`: the number of the last check.
    private var check: UInt32 = 0

    /// A created handle: bits 0-4 the kind's tag, bits 5-26 the slot + 0x80 (so every created
    /// handle is at least 0x1000), bits 27-30 the slot's generation.
    @inlinable
    public static func created(slot: Int, generation: UInt8, tag: Int32) -> Int32 {
        precondition(slot < (1 << 22) - 0x80, "more than 4 million live handles of one kind")
        return Int32(generation & 0xF) << 27 | Int32(slot + 0x80) << 5 | tag
    }

    /// The slot of a created handle of this table's kind and current generation (any other
    /// value, negative ones included, has none).
    @inlinable @inline(__always)
    func slot(of guest: Int32) -> Int? { Self.slot(of: guest, tag: tag, in: slots) }

    @inlinable @inline(__always)
    static func slot(of guest: Int32, tag: Int32, in slots: HandleSlots) -> Int? {
        guard guest >= firstCreated, guest & tagMask == tag else { return nil }
        let index = Int((guest >> 5) & 0x3F_FFFF) - 0x80
        guard index >= 0, index < slots.count, slots.base[index].generation == UInt8(truncatingIfNeeded: guest >> 27) else { return nil }
        return index
    }

    /// - Parameters:
    ///   - predefined: guest ABI value to host handle, including the null handle.
    ///   - hostAliases: host handles no guest value maps to, and the guest value the host
    ///     returns them as (the host's 8-byte MPI_LONG is the guest's MPI_INT64_T).
    public init(kind: String, tag: Int32, errorClass: Int32, guestNull: Int32, predefined: [Int32: UInt64], hostAliases: [UInt64: Int32] = [:]) {
        self.kind = kind
        self.tag = tag
        self.errorClass = errorClass
        self.guestNull = guestNull
        handlesAreNew = kind == "MPI_Request"
        self.hostNull = predefined[guestNull] ?? 0
        predefinedBase = predefined.keys.min() ?? 0
        var byOffset = [UInt64?](repeating: nil, count: Int((predefined.keys.max() ?? -1) - predefinedBase + 1))
        for (guest, host) in predefined { byOffset[Int(guest - predefinedBase)] = host }
        self.predefined = byOffset
        guestOf = Dictionary(predefined.map { ($0.value, $0.key) }, uniquingKeysWith: { min($0, $1) })
            .merging(hostAliases) { existing, _ in existing }
    }

    /// The host handle for a guest handle.
    ///
    /// - Parameter allowNull: whether the kind's null handle is acceptable here.
    /// - Throws: `TranslationError` with the kind's error class.
    @inlinable @inline(__always)
    public func host(_ guest: Int32, allowNull: Bool = false) throws(TranslationError) -> UInt64 {
        try withUnsafePointer(to: self) { table throws(TranslationError) in try Self.host(guest, in: table, allowNull: allowNull) }
    }

    /// The host handle of a valid, non-null guest handle.
    @inlinable @inline(__always)
    public func lookup(_ guest: Int32) -> UInt64? {
        withUnsafePointer(to: self) { Self.lookup(guest, in: $0) }
    }

    /// `host(_:allowNull:)` of the table at `table`, read where it lies. The bindings look their
    /// handles up this way: a method call on `tables[kind]` first copies the whole table (80
    /// bytes) onto the stack, on every handle of every MPI call, and reading the copy back
    /// was the slowest part of the call (`perf annotate` of an `MPI_Comm_rank` loop: a third
    /// of the time spent in the binding, on the loads from the fresh copy).
    @inlinable @inline(__always)
    static func host(_ guest: Int32, in table: UnsafePointer<HandleTable>, allowNull: Bool) throws(TranslationError) -> UInt64 {
        if let host = lookup(guest, in: table) { return host }
        if allowNull, guest == table.pointee.guestNull { return table.pointee.hostNull }
        throw table.pointee.invalid(guest)
    }

    @inlinable @inline(__always)
    static func lookup(_ guest: Int32, in table: UnsafePointer<HandleTable>) -> UInt64? {
        if guest >= firstCreated {
            let slots = table.pointee.slots
            guard let index = slot(of: guest, tag: table.pointee.tag, in: slots), slots.base[index].live else { return nil }
            return slots.base[index].host
        }
        guard guest != table.pointee.guestNull else { return nil }
        let index = Int(guest) &- Int(table.pointee.predefinedBase)
        return index >= 0 && index < table.pointee.predefined.count ? table.pointee.predefined[index] : nil
    }

    /// The error for a guest handle that `host` does not know.
    @usableFromInline
    func invalid(_ guest: Int32) -> TranslationError {
        if guest == guestNull { return TranslationError(errorClass, "\(kind) is null") }
        if guest >= Self.firstCreated, guest & Self.tagMask != tag, let other = GuestHandleKind(rawValue: Int(guest & Self.tagMask)) {
            return TranslationError(errorClass, "\(kind) 0x\(String(guest, radix: 16)) is not a \(kind) handle (it has the form of an \(other.typeName))")
        }
        if guest >= Self.firstCreated {
            return TranslationError(errorClass, "\(kind) 0x\(String(guest, radix: 16)) is not a valid handle (freed or never created)")
        }
        return TranslationError(errorClass, "\(kind) 0x\(String(guest, radix: 16)) is not a \(kind) handle")
    }

    /// The guest handle for a host handle the host returned: its existing one, or a new slot,
    /// which records `owner` (the communicator a request's operation runs on; see `hasLive`).
    @inline(__always)
    public mutating func guest(for host: UInt64, owner: Int32 = 0) -> Int32 {
        if host == hostNull { return guestNull }
        if !handlesAreNew, let existing = guestOf[host] { return existing }
        let index = slots.take()
        slots.base[index].host = host
        slots.base[index].live = true
        slots.base[index].owner = owner
        let guest = Self.created(slot: index, generation: slots.base[index].generation, tag: tag)
        if !handlesAreNew { guestOf[host] = guest }
        return guest
    }

    /// The guest handle a host handle has already (predefined or created), or nil.
    public func existing(for host: UInt64) -> Int32? {
        host == hostNull ? guestNull : handlesAreNew ? nil : guestOf[host]
    }

    /// The first created handle of `handles` listed twice, in one pass without allocating: each
    /// marks its slot with this check's number. Other handles (null, predefined, forged, freed)
    /// are never acted on twice by the host: the null is skipped, the rest fail their lookup.
    public mutating func firstRepeated(_ handles: UnsafeBufferPointer<Int32>) -> Int32? {
        check &+= 1
        if check == 0 {
            slots.clearMarks()
            check = 1
        }
        for guest in handles {
            guard let index = slot(of: guest) else { continue }
            if slots.base[index].seenBy == check { return guest }
            slots.base[index].seenBy = check
        }
        return nil
    }

    /// The owner recorded when the handle was created, or 0.
    public func owner(of guest: Int32) -> Int32 { slot(of: guest).map { slots.base[$0].owner } ?? 0 }

    /// Whether a live handle was created with `owner` (a scan of the table's slots).
    public func hasLive(ownedBy owner: Int32) -> Bool {
        (0..<slots.count).contains { slots.base[$0].live && slots.base[$0].owner == owner }
    }

    /// Forgets a created handle after the host freed it; its slot is reused.
    public mutating func release(_ guest: Int32) {
        guard let index = slot(of: guest), slots.base[index].live else { return }
        if !handlesAreNew { guestOf[slots.base[index].host] = nil }
        slots.free(index)
    }

    /// Makes a created handle invalid for a while, keeping its slot (see `resume`).
    public mutating func suspend(_ guest: Int32) -> UInt64? {
        guard let index = slot(of: guest), slots.base[index].live else { return nil }
        slots.base[index].live = false
        return slots.base[index].host
    }

    public mutating func resume(_ guest: Int32, _ host: UInt64) {
        if let index = slot(of: guest), !slots.base[index].live {
            slots.base[index].host = host
            slots.base[index].live = true
        }
    }

    public func isPredefined(_ guest: Int32) -> Bool {
        let index = Int(guest) - Int(predefinedBase)
        return guest < Self.firstCreated && index >= 0 && index < predefined.count && predefined[index] != nil
    }

    /// How many created handles are live (for leak checks in tests).
    public var liveCount: Int { slots.count - slots.freeCount }
}
