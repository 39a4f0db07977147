import MPITranslation
import Testing

@Suite struct HandleTableTests {
    func table() -> HandleTable {
        HandleTable(kind: "MPI_Comm", tag: 0, errorClass: GuestErrorClass.comm, guestNull: 0x100, predefined: [0x100: 0, 0x101: 0xAAAA, 0x102: 0xBBBB])
    }

    @Test func predefinedHandlesMapBothWays() throws {
        var handles = table()
        #expect(try handles.host(0x101) == 0xAAAA)
        #expect(handles.guest(for: 0xBBBB) == 0x102)
        #expect(handles.guest(for: 0) == 0x100)
        #expect(handles.isPredefined(0x101))
    }

    @Test func createdHandlesCarryKindAndGenerationAndFreedSlotsAreReused() throws {
        var handles = table()
        let a = handles.guest(for: 0x1111), b = handles.guest(for: 0x2222)
        #expect(a == 0x1000 && b == 0x1020, "slot + 0x80 in bits 5-26, the kind's tag (0) in bits 0-4")
        #expect(handles.guest(for: 0x1111) == a, "the same host handle keeps its guest handle")
        handles.release(a)
        #expect(throws: TranslationError(GuestErrorClass.comm, "MPI_Comm 0x1000 is not a valid handle (freed or never created)")) {
            try handles.host(a)
        }
        let c = handles.guest(for: 0x3333)
        #expect(c == 0x1000 | 1 << 27, "the reused slot's next generation")
        #expect(try handles.host(c) == 0x3333)
        #expect(throws: TranslationError.self, "the freed handle stays invalid after its slot is reused") { try handles.host(a) }
        #expect(handles.liveCount == 2)
    }

    @Test func aHandleListedTwiceIsFoundInOnePassAndNullsDoNotCount() throws {
        var requests = HandleTable(kind: "MPI_Request", tag: Int32(GuestHandleKind.request.rawValue), errorClass: GuestErrorClass.request, guestNull: 0x180, predefined: [0x180: 0])
        let live = (1...100).map { requests.guest(for: UInt64($0)) }
        #expect(requests.firstRepeated(live) == nil)
        #expect(requests.firstRepeated([0x180, 0x180] + live) == nil, "MPI_REQUEST_NULL may appear any number of times")
        #expect(requests.firstRepeated(live + [live[73]]) == live[73])
        #expect(requests.firstRepeated(live) == nil, "each check starts afresh")
        requests.release(live[5])
        let reused = requests.guest(for: 0x9999)
        #expect(requests.firstRepeated([live[5], reused]) == nil, "a freed handle and its slot's next one are different handles")
        let more = (101...300).map { requests.guest(for: UInt64($0)) }
        #expect(requests.firstRepeated(more + [more[0]]) == more[0], "slots created after the last check")
    }

    @Test func negativeHandlesWithAKindsTagFindNoSlot() throws {
        var requests = HandleTable(kind: "MPI_Request", tag: Int32(GuestHandleKind.request.rawValue), errorClass: GuestErrorClass.request, guestNull: 0x180, predefined: [0x180: 0])
        let live = requests.guest(for: 0x9999)
        // The live handle's slot bits with bit 31 set: a negative Int32 whose generation bits
        // (27-30) would not fit a UInt8 unshifted.
        let forged = live | Int32(bitPattern: 0x8000_0000)
        #expect(requests.firstRepeated([forged, forged, live]) == nil)
        #expect(throws: TranslationError.self) { try requests.host(forged) }
        requests.release(forged)
        let suspended = requests.suspend(forged)
        #expect(suspended == nil)
        #expect(try requests.host(live) == 0x9999, "the live handle is untouched")
    }

    @Test func slotsGrowPastTheirFirstCapacityAndReleasedOnesAreReusedLastFirst() throws {
        var requests = HandleTable(kind: "MPI_Request", tag: Int32(GuestHandleKind.request.rawValue), errorClass: GuestErrorClass.request, guestNull: 0x180, predefined: [0x180: 0])
        let handles = (1...1000).map { requests.guest(for: UInt64($0)) }
        #expect(try handles.enumerated().allSatisfy { try requests.host($0.element) == UInt64($0.offset + 1) })
        requests.release(handles[10])
        requests.release(handles[500])
        #expect(requests.liveCount == 998)
        let again = requests.guest(for: 0xA), next = requests.guest(for: 0xB)
        #expect(again == handles[500] | 1 << 27 && next == handles[10] | 1 << 27)
        let suspended = requests.suspend(next)
        let host = try #require(suspended)
        #expect(host == 0xB && requests.lookup(next) == nil && requests.liveCount == 1000)
        requests.resume(next, host)
        #expect(try requests.host(next) == 0xB)
    }

    @Test func aCreatedHandleOfAnotherKindIsRefusedEvenWhereItsSlotIsLive() throws {
        var communicators = table()
        var requests = HandleTable(kind: "MPI_Request", tag: Int32(GuestHandleKind.request.rawValue), errorClass: GuestErrorClass.request, guestNull: 0x180, predefined: [0x180: 0])
        _ = communicators.guest(for: 0x1111)
        let request = requests.guest(for: 0x9999)
        #expect(throws: TranslationError(GuestErrorClass.comm, "MPI_Comm 0x1003 is not a MPI_Comm handle (it has the form of an MPI_Request)")) {
            try communicators.host(request)
        }
    }

    @Test func forgedNullAndOtherKindHandlesGiveTheKindsErrorClass() throws {
        let handles = table()
        for forged: Int32 in [0, -1, 0x209, 0x5000, Int32.max] {
            let error = #expect(throws: TranslationError.self) { try handles.host(forged) }
            #expect(error?.errorClass == GuestErrorClass.comm)
        }
        #expect(throws: TranslationError.self) { try handles.host(0x100) }
        #expect(try handles.host(0x100, allowNull: true) == 0)
    }

    @Test func releasingAPredefinedHandleChangesNothing() throws {
        var handles = table()
        handles.release(0x101)
        #expect(try handles.host(0x101) == 0xAAAA)
    }
}

extension HandleTable {
    /// `firstRepeated` of an array (the bindings pass their scratch buffer).
    mutating func firstRepeated(_ handles: [Int32]) -> Int32? { handles.withUnsafeBufferPointer { firstRepeated($0) } }
}
