import CMPIShims

/// What the runtime remembers of the guest's callbacks and of memory it handed to the guest:
/// the guest function behind each user-op slot, each keyval's copy and delete functions, and
/// the guest memory holding predefined attribute values.
struct CallbackRegistry {
    /// The guest reduction function (a function-table index) per host op slot (callbacks.c).
    var opSlots: [UInt32] = []

    struct Keyval {
        let copy: UInt32
        let delete: UInt32
        let extraState: UInt32
    }

    /// By host keyval.
    var keyvals: [Int32: Keyval] = [:]

    /// A generalized request's guest functions and extra state, by the runtime's number.
    struct Grequest {
        let query: UInt32
        let free: UInt32
        let cancel: UInt32
        let extraState: UInt32
    }

    var grequests: [Int32: Grequest] = [:]
    /// Guest handles of generalized requests MPI_Grequest_complete has not completed yet.
    var openGrequests: Set<Int32> = []
    /// Guest handles of every generalized request not yet released.
    var generalizedRequests: Set<Int32> = []
    var nextGrequest: Int32 = 1

    struct AttributeKey: Hashable {
        let kind: GuestHandleKind
        let handle: Int32
        let keyval: Int32
    }

    /// Guest memory holding the value of a predefined attribute (MPI_TAG_UB is a pointer to
    /// an int, which must point into linear memory).
    var attributeValues: [AttributeKey: UInt32] = [:]

    /// A window whose memory the runtime allocated in the guest; the host sees a created window.
    struct AllocatedWindow {
        /// The guest-ABI values of MPI_WIN_FLAVOR_ALLOCATE and MPI_WIN_FLAVOR_SHARED.
        enum Flavor: Int32 {
            case allocate = 312, shared = 314
        }

        let flavor: Flavor
        let base: UInt32
        let size: Int32
        let dispUnit: Int32
    }

    var allocatedWindows: [Int32: AllocatedWindow] = [:]

    /// Guest addresses MPI_Alloc_mem returned and MPI_Free_mem has not taken back: freeing any
    /// other address would hand the guest's allocator a pointer it never gave out.
    var allocatedMemory: Set<UInt32> = []

    /// The op slot for a guest function: its existing one, or a new one while slots last.
    mutating func opSlot(for function: UInt32) -> Int? {
        if let slot = opSlots.firstIndex(of: function) { return slot }
        guard opSlots.count < Int(MPIWASM_OP_SLOTS) else { return nil }
        opSlots.append(function)
        return opSlots.count - 1
    }

    /// The object went: the guest memory of its attribute values, to free.
    mutating func forget(_ handle: Int32, _ kind: GuestHandleKind) -> [UInt32] {
        if kind == .win { allocatedWindows[handle] = nil }
        let keys = attributeValues.keys.filter { $0.kind == kind && $0.handle == handle }
        return keys.compactMap { attributeValues.removeValue(forKey: $0) }
    }
}
