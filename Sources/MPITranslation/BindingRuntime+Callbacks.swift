import CMPI
import CMPIShims
import WasmEngine

/// Objects with attributes, as callbacks.c numbers them.
public enum AttributeObject: Int32, Sendable {
    case comm = 1, type = 2, win = 3

    /// The handle kind, and the name in the guest trampolines (`mpiwasm_call_MPI_Comm_...`).
    public var handleKind: GuestHandleKind { [.comm, .datatype, .win][Int(rawValue) - 1] }
    var trampolineName: String { ["Comm", "Type", "Win"][Int(rawValue) - 1] }
}

// User ops and attribute copy/delete functions: the host MPI calls C functions in callbacks.c,
// which land here and call the guest's function through the trampoline mpi.h exports. Host
// buffers outside linear memory are copied into guest memory for the call and back.
extension BindingRuntime {
    func installCallbackHandlers() {
        mpiwasm_set_callbacks(mpiwasm_callback_handlers(
            reduce: { slot, input, inoutVector, length, datatype in
                BindingRuntime.shared.reduce(slot: Int(slot), input, inoutVector, length: Int(length), datatype: datatype)
            },
            copy_attr: { object, handle, keyval, input, output, flag in
                BindingRuntime.shared.copyAttribute(object, handle, keyval, input, output!, flag!)
            },
            delete_attr: { object, handle, keyval, value in
                BindingRuntime.shared.deleteAttribute(object, handle, keyval, value)
            },
            grequest_query: { id, status in BindingRuntime.shared.queryGrequest(id, status!) },
            grequest_free: { id in BindingRuntime.shared.freeGrequest(id) },
            grequest_cancel: { id, complete in BindingRuntime.shared.cancelGrequest(id, complete) }))
    }

    // MARK: User ops

    /// MPI_Op_create for a guest function (a function-table index): a host op whose reductions
    /// call it. Ops of the same function share a host slot; there are MPIWASM_OP_SLOTS.
    public func createOp(function: UInt32, commute: Int32) throws(TranslationError) -> (code: Int32, op: UInt64) {
        try requireFunction(function, "the user function")
        guard let slot = callbacks.opSlot(for: function) else {
            throw TranslationError(GuestErrorClass.intern, "more than \(MPIWASM_OP_SLOTS) distinct user reduction functions")
        }
        var op: UInt64 = 0
        let code = mpiwasm_op_create(Int32(slot), commute, &op)
        return (code, op)
    }

    func reduce(slot: Int, _ input: UnsafeMutableRawPointer?, _ inoutVector: UnsafeMutableRawPointer?, length: Int, datatype: UInt64) {
        guard length > 0, let input, let inoutVector else { return }
        guard let e = try? extentsOf(datatype) else { endJob("a user reduction got an invalid datatype", code: GuestErrorClass.type) }
        // The bytes the elements cover, relative to the buffers (the extent may be negative).
        // The calls checked them; a span past 64 bits or memory here is the host's own error.
        guard let (lower, upper) = Self.span(from: 0, count: Int64(length), e), let span = Int(exactly: upper - lower), span <= 1 << 32 else {
            endJob("a user reduction of \(length) elements spans more than linear memory holds", code: GuestErrorClass.intern)
        }
        let offset = Int(lower), guestOffset = UInt32(truncatingIfNeeded: offset)
        withCallbackHandle(datatype, .datatype) { guestType in
            // Arguments the guest function reads through pointers: len and datatype, then copies
            // of the buffers the host keeps outside linear memory.
            let inGuest = guestAddress(of: input + offset, count: span).map { $0 &- guestOffset }
            let inoutGuest = guestAddress(of: inoutVector + offset, count: span).map { $0 &- guestOffset }
            let copies = (inGuest == nil ? span : 0) + (inoutGuest == nil ? span : 0)
            guard let scratch = try? guestAllocate(8 + copies) else { endJob("no guest memory for a user reduction", code: GuestErrorClass.noMem) }
            defer { guestFree(scratch) }
            let pointer = hostPointer(scratch)
            pointer.storeBytes(of: Int32(length), as: Int32.self)
            pointer.storeBytes(of: guestType, toByteOffset: 4, as: Int32.self)
            var next = 8
            func copy(_ host: UnsafeMutableRawPointer) -> UInt32 {
                (pointer + next).copyMemory(from: host + offset, byteCount: span)
                defer { next += span }
                return (scratch + UInt32(next)) &- guestOffset
            }
            let inAddress = inGuest ?? copy(input)
            let inoutAddress = inoutGuest ?? copy(inoutVector)
            callGuest("mpiwasm_call_MPI_User_function", [UInt64(callbacks.opSlots[slot]), UInt64(inAddress), UInt64(inoutAddress), UInt64(scratch), UInt64(scratch + 4)])
            if inoutGuest == nil { (inoutVector + offset).copyMemory(from: hostPointer(inoutAddress &+ guestOffset), byteCount: span) }
        }
    }

    // MARK: Keyvals

    /// MPI_*_create_keyval: guest copy and delete functions (0 is the null function, 1 the dup
    /// function, as in the ABI), and the guest's extra state, remembered by host keyval.
    public func createKeyval(_ object: AttributeObject, copy: UInt32, delete: UInt32, extraState: UInt32) throws(TranslationError) -> (code: Int32, keyval: Int32) {
        if copy > 1 { try requireFunction(copy, "the copy function") }
        if delete != 0 { try requireFunction(delete, "the delete function") }
        var keyval: Int32 = 0
        let copyKind = copy == 0 ? MPIWASM_CALLBACK_NULL : copy == 1 ? MPIWASM_CALLBACK_DUP : MPIWASM_CALLBACK_GUEST
        let deleteKind = delete == 0 ? MPIWASM_CALLBACK_NULL : MPIWASM_CALLBACK_GUEST
        let code = mpiwasm_keyval_create(object.rawValue, Int32(copyKind), Int32(deleteKind), &keyval)
        if code == MPI_SUCCESS {
            callbacks.keyvals[keyval] = .init(copy: copy, delete: delete, extraState: extraState)
        }
        return (code, toGuest(keyval, .keyval))
    }

    func copyAttribute(_ object: Int32, _ handle: UInt64, _ keyval: Int32, _ input: UnsafeMutableRawPointer?,
                       _ output: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ flag: UnsafeMutablePointer<Int32>) -> Int32 {
        guard let entry = callbacks.keyvals[keyval], let kind = AttributeObject(rawValue: object) else { return MPI_ERR_KEYVAL }
        guard let scratch = try? guestAllocate(8) else { return MPI_ERR_NO_MEM }
        defer { guestFree(scratch) }
        hostPointer(scratch).storeBytes(of: UInt64(0), as: UInt64.self)
        let value = UInt32(truncatingIfNeeded: UInt(bitPattern: input))
        let code = withCallbackHandle(handle, kind.handleKind) { object in
            callGuest("mpiwasm_call_MPI_\(kind.trampolineName)_copy_attr_function", [
                UInt64(entry.copy), UInt64(UInt32(bitPattern: object)),
                UInt64(UInt32(bitPattern: toGuest(keyval, .keyval))), UInt64(entry.extraState), UInt64(value), UInt64(scratch), UInt64(scratch + 4),
            ], results: 1)[0]
        }
        output.pointee = UnsafeMutableRawPointer(bitPattern: UInt(hostPointer(scratch).load(as: UInt32.self)))
        flag.pointee = hostPointer(scratch + 4).load(as: Int32.self) != 0 ? 1 : 0
        return hostCode(guestReturn: code)
    }

    func deleteAttribute(_ object: Int32, _ handle: UInt64, _ keyval: Int32, _ value: UnsafeMutableRawPointer?) -> Int32 {
        guard let entry = callbacks.keyvals[keyval], let kind = AttributeObject(rawValue: object) else { return MPI_ERR_KEYVAL }
        let code = withCallbackHandle(handle, kind.handleKind) { object in
            callGuest("mpiwasm_call_MPI_\(kind.trampolineName)_delete_attr_function", [
                UInt64(entry.delete), UInt64(UInt32(bitPattern: object)),
                UInt64(UInt32(bitPattern: toGuest(keyval, .keyval))), UInt64(UInt32(truncatingIfNeeded: UInt(bitPattern: value))), UInt64(entry.extraState),
            ], results: 1)[0]
        }
        return hostCode(guestReturn: code)
    }

    // MARK: Generalized requests

    /// MPI_Grequest_start with guest query, free and cancel functions and extra state.
    public func startGrequest(query: UInt32, free: UInt32, cancel: UInt32, extraState: UInt32) throws(TranslationError) -> (code: Int32, request: UInt64) {
        try requireFunction(query, "the query function")
        try requireFunction(free, "the free function")
        try requireFunction(cancel, "the cancel function")
        let id = callbacks.nextGrequest
        callbacks.nextGrequest += 1
        callbacks.grequests[id] = .init(query: query, free: free, cancel: cancel, extraState: extraState)
        var request: UInt64 = 0
        let code = mpiwasm_grequest_start(id, &request)
        if code != MPI_SUCCESS { callbacks.grequests[id] = nil }
        return (code, request)
    }

    /// The guest handle of a started generalized request, which MPI_Grequest_complete may
    /// complete once.
    public func startedGrequest(_ request: Int32) -> Int32 {
        callbacks.openGrequests.insert(request)
        callbacks.generalizedRequests.insert(request)
        onRelease(request, .request) { [unowned self] in
            callbacks.openGrequests.remove(request)
            callbacks.generalizedRequests.remove(request)
        }
        return request
    }

    /// MPI_Grequest_complete: only on a generalized request, once (Open MPI 4.1 crashes
    /// completing one twice, or another kind of request).
    public func completeGrequest(_ request: Int32) throws(TranslationError) {
        guard callbacks.openGrequests.remove(request) != nil else {
            throw TranslationError(GuestErrorClass.request, "not a generalized request that is still to be completed")
        }
    }

    /// The guest's query function fills a guest status, which becomes the host's.
    func queryGrequest(_ id: Int32, _ status: UnsafeMutableRawPointer) -> Int32 {
        guard let entry = callbacks.grequests[id] else { return MPI_ERR_REQUEST }
        guard let scratch = try? guestAllocate(GuestStatus.guestSize) else { return MPI_ERR_NO_MEM }
        defer { guestFree(scratch) }
        // Start from the host's status, so fields the guest leaves alone keep their values.
        storeStatus(status, to: hostPointer(scratch))
        let code = callGuest("mpiwasm_call_MPI_Grequest_query_function", [UInt64(entry.query), UInt64(entry.extraState), UInt64(scratch)], results: 1)[0]
        loadStatus(from: hostPointer(scratch), to: status)
        return hostCode(guestReturn: code)
    }

    func freeGrequest(_ id: Int32) -> Int32 {
        guard let entry = callbacks.grequests.removeValue(forKey: id) else { return MPI_ERR_REQUEST }
        return hostCode(guestReturn: callGuest("mpiwasm_call_MPI_Grequest_free_function", [UInt64(entry.free), UInt64(entry.extraState)], results: 1)[0])
    }

    func cancelGrequest(_ id: Int32, _ complete: Int32) -> Int32 {
        guard let entry = callbacks.grequests[id] else { return MPI_ERR_REQUEST }
        let code = callGuest("mpiwasm_call_MPI_Grequest_cancel_function", [UInt64(entry.cancel), UInt64(entry.extraState), UInt64(UInt32(bitPattern: complete))], results: 1)[0]
        return hostCode(guestReturn: code)
    }

    /// A function pointer the runtime will call: an index the module's function table fills
    /// (null, MPI_*_DUP_FN's 1 and forged values would trap the guest when MPI calls them).
    public func requireFunction(_ index: UInt32, _ what: String) throws(TranslationError) {
        guard index != 0, guestFunctions.map({ $0.contains(Int(index)) }) ?? true else {
            throw TranslationError(GuestErrorClass.arg, "\(what) (\(index)) is not a function of the module")
        }
    }

    /// A guest callback's return value as the host code MPI passes on.
    func hostCode(guestReturn: UInt64) -> Int32 {
        let code = Int32(truncatingIfNeeded: guestReturn)
        return code == 0 ? MPI_SUCCESS : errors.hostCode(guest: code)
    }
}
