import MPITranslation
import Testing

@Suite struct HandleTableTests {
    func table() -> HandleTable {
        HandleTable(kind: "MPI_Comm", errorClass: GuestErrorClass.comm, guestNull: 0x100, predefined: [0x100: 0, 0x101: 0xAAAA, 0x102: 0xBBBB])
    }

    @Test func predefinedHandlesMapBothWays() throws {
        var handles = table()
        #expect(try handles.host(0x101) == 0xAAAA)
        #expect(handles.guest(for: 0xBBBB) == 0x102)
        #expect(handles.guest(for: 0) == 0x100)
        #expect(handles.isPredefined(0x101))
    }

    @Test func createdHandlesGetSlotsFromFirstCreatedAndFreedSlotsAreReused() throws {
        var handles = table()
        let a = handles.guest(for: 0x1111), b = handles.guest(for: 0x2222)
        #expect(a == 0x1000 && b == 0x1001)
        #expect(handles.guest(for: 0x1111) == a, "the same host handle keeps its guest handle")
        handles.release(a)
        #expect(throws: TranslationError(GuestErrorClass.comm, "MPI_Comm 0x1000 is not a valid handle (freed or never created)")) {
            try handles.host(a)
        }
        #expect(handles.guest(for: 0x3333) == a)
        #expect(try handles.host(a) == 0x3333)
        #expect(handles.liveCount == 2)
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
