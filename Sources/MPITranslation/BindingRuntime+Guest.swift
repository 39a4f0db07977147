import CMPIShims
import WasmEngine

// Calls from the host into the guest: its allocator (memory MPI hands to the guest, scratch
// copies of host temporaries) and the trampolines the SDK's mpi.h exports for callbacks.
extension BindingRuntime {
    /// The running guest; callbacks only come after MPI_Init, which sets it.
    var guestInstance: any GuestInstance {
        guard let activeGuest else { endJob("a callback into the guest came before MPI_Init", code: GuestErrorClass.intern) }
        return activeGuest
    }

    /// Calls a guest export. A trap or exit inside it cannot unwind through the host MPI's
    /// frames, so it ends the job with the reason.
    @discardableResult
    public func callGuest(_ export: String, _ arguments: [UInt64], results: Int = 0) -> [UInt64] {
        do {
            return try guestInstance.call(export, arguments, resultCount: results)
        } catch {
            endJob("callback into the guest failed: \(error)", code: GuestErrorClass.other)
        }
    }

    /// Guest memory from the guest's own allocator (`mpiwasm_malloc`, exported by mpi.h), or
    /// MPI_ERR_NO_MEM.
    public func guestAllocate(_ size: Int) throws(TranslationError) -> UInt32 {
        guard size >= 0, size <= Int(UInt32.max) else { throw TranslationError(GuestErrorClass.noMem, "cannot allocate \(size) bytes in linear memory") }
        let address = UInt32(truncatingIfNeeded: callGuest("mpiwasm_malloc", [UInt64(size)], results: 1)[0])
        guard address != 0 || size == 0 else { throw TranslationError(GuestErrorClass.noMem, "the guest's malloc could not allocate \(size) bytes") }
        return address
    }

    /// MPI_Alloc_mem: guest memory the module later gives back with MPI_Free_mem.
    public func allocateMemory(_ size: Int) throws(TranslationError) -> UInt32 {
        let address = try guestAllocate(size)
        if address != 0 { callbacks.allocatedMemory.insert(address) }
        return address
    }

    /// MPI_Free_mem: only memory MPI_Alloc_mem returned (MPI_ERR_BASE otherwise).
    public func freeMemory(_ address: UInt32) throws(TranslationError) {
        guard address != 0 else { return }
        guard callbacks.allocatedMemory.remove(address) != nil else {
            throw TranslationError(GuestErrorClass.base, "0x\(String(address, radix: 16)) is not memory MPI_Alloc_mem returned")
        }
        guestFree(address)
    }

    public func guestFree(_ address: UInt32) {
        if address != 0 { callGuest("mpiwasm_free", [UInt64(address)]) }
    }

    /// The guest address of `count` host bytes at `pointer`, when all of them lie in linear
    /// memory (nil otherwise).
    public func guestAddress(of pointer: UnsafeRawPointer?, count: Int = 0) -> UInt32? {
        let memory = guestInstance.memory
        guard let pointer, let base = memory.baseAddress, pointer >= UnsafeRawPointer(base), count >= 0,
              count <= memory.count - (pointer - UnsafeRawPointer(base)) else { return nil }
        return UInt32(pointer - UnsafeRawPointer(base))
    }

    /// A host pointer for a guest address the guest's allocator returned.
    public func hostPointer(_ address: UInt32) -> UnsafeMutableRawPointer {
        guestInstance.knownMemory.baseAddress! + Int(address)
    }

    // MARK: Objects that outlive a call

    /// Runs `action` when the created handle `guest` of `kind` is freed (its guest memory, the
    /// runtime's records of it). `freesOperationData`: the action frees temporaries the
    /// operation behind a request still reads (see `retire`).
    public func onRelease(_ guest: Int32, _ kind: GuestHandleKind, freesOperationData: Bool = false, _ action: @escaping () -> Void) {
        releaseActions[ReleaseKey(kind: kind, handle: guest), default: []].append(ReleaseAction(run: action, freesOperationData: freesOperationData))
    }

    /// MPI_Request_free lets a started operation finish in the background: the handle's records
    /// go now, the temporaries the operation reads stay allocated until the process ends.
    public func retire(_ guest: Int32, _ kind: GuestHandleKind) {
        if !releaseActions.isEmpty, let actions = releaseActions.removeValue(forKey: ReleaseKey(kind: kind, handle: guest)) {
            actions.filter { !$0.freesOperationData }.forEach { $0.run() }
        }
    }

    func released(_ guest: Int32, _ kind: GuestHandleKind) {
        // Requests, completed by the thousand, have no error handler, window or callbacks.
        if kind != .request {
            if let object = ErrorObject(kind, guest) { errorHandlers.detach(object) }
            if kind == .win { windowTargets[guest] = nil }
            if kind == .file {
                splitCollectives[guest] = nil
                splitReads.removeValue(forKey: guest)?.deallocate()
            }
            if kind == .tPvarSession { pvarSessionReleased(guest) }
            if kind == .comm || kind == .datatype || kind == .win { callbacks.forget(guest, kind).forEach(guestFree) }
        }
        if !releaseActions.isEmpty, let actions = releaseActions.removeValue(forKey: ReleaseKey(kind: kind, handle: guest)) {
            actions.forEach { $0.run() }
        }
    }

    /// A new communicator gets its parent's error handler.
    public func inheritErrorHandler(from parent: Int32, to child: Int32) {
        errorHandlers.inherit(from: .comm(parent), to: .comm(child))
    }

    /// A window the host created: the host returns its errors, the runtime applies the guest's handler.
    public func createdWindow(_ host: UInt64) {
        _ = mpiwasm_win_errors_return(host)
    }

    /// Remembers a window over guest memory from MPI_Win_allocate(_shared); the memory goes
    /// back to the guest's allocator when the window is freed.
    public func allocatedWindow(_ handle: Int32, base: UInt32, size: Int32, dispUnit: Int32, shared: Bool) {
        callbacks.allocatedWindows[handle] = .init(flavor: shared ? .shared : .allocate, base: base, size: size, dispUnit: dispUnit)
        onRelease(handle, .win) { [unowned self] in guestFree(base) }
    }

    /// The segment of a window from MPI_Win_allocate_shared.
    public func sharedSegment(_ handle: Int32) -> (base: UInt32, size: Int32, dispUnit: Int32)? {
        guard let window = callbacks.allocatedWindows[handle], window.flavor == .shared else { return nil }
        return (window.base, window.size, window.dispUnit)
    }

    // MARK: Error handlers

    /// Calls the guest's error handler function with the object's handle and the code, as
    /// `MPI_Comm_errhandler_function(MPI_Comm *, int *)` (and the Win and File forms).
    func callUserErrorHandler(_ handler: Int32, object: ErrorObject, code: Int32) {
        guard let user = errorHandlers.userHandler(handler) else { return }
        guard let scratch = try? guestAllocate(8) else { endJob("no guest memory to call the error handler", code: code) }
        defer { guestFree(scratch) }
        let pointer = hostPointer(scratch)
        pointer.storeBytes(of: object.handle, as: Int32.self)
        pointer.storeBytes(of: code, toByteOffset: 4, as: Int32.self)
        callGuest("mpiwasm_call_MPI_\(user.kind.rawValue)_errhandler_function", [UInt64(user.function), UInt64(scratch), UInt64(scratch + 4)])
    }
}
