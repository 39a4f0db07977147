import CMPI
import CMPIShims
import Glibc
import WasmEngine

/// A control or performance variable handle of the guest.
struct ToolHandle: Hashable {
    let kind: GuestHandleKind
    let handle: Int32
}

/// What a read or write through a tools-interface handle moves: `count` elements of the
/// variable's datatype, recorded when the handle is allocated; and the host handle of the
/// object it binds to, whose address the library keeps until the handle is freed. The record
/// goes when its guest handle value is given to a new handle (the old one is freed by then).
final class ToolVariable {
    var count: Int64 = 0
    let datatype: UInt64
    /// A performance variable handle's session (the guest's handle): freeing the session frees it.
    var session: Int32?
    let object = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)

    init(datatype: UInt64) { self.datatype = datatype }

    deinit { object.deallocate() }
}

extension BindingRuntime {
    /// The object kinds of `mpiwasm_tool_variable`, by its numbers (0: bound to no object).
    static let toolObjectKinds: [GuestHandleKind?] = [nil, .comm, .datatype, .errhandler, .file, .group, .op, .request, .win, .message, .info]

    /// After the guest's first successful MPI_T_init_thread the runtime initializes the host's
    /// tools interface once more and never finalizes it, so the host never sees the interface
    /// initialized again after it was finalized: MPICH 4.0 crashes in the next MPI_T call then,
    /// and Open MPI 4.1 registers the variables of components it never selected (a handle of a
    /// PSM2 one crashes it); both natively too. The guest's own count is kept here instead.
    public func toolsInitialized() {
        toolsInitializations += 1
        guard !holdsTools else { return }
        var provided: Int32 = 0
        holdsTools = MPI_T_init_thread(Int32(MPI_THREAD_SINGLE), &provided) == MPI_SUCCESS
    }

    /// MPI_T_finalize succeeded for the guest.
    public func toolsFinalized() { toolsInitializations -= 1 }

    /// Every tools-interface call but MPI_T_init_thread: MPI_T_ERR_NOT_INITIALIZED while the
    /// guest has not initialized the interface, or has finalized it as often as it initialized
    /// it (the host, held open by the runtime, would answer).
    public func requireToolsInitialized() throws(TranslationError) {
        guard toolsInitializations > 0 else {
            throw TranslationError(GuestErrorClass.toolNotInitialized, "the tools interface is not initialized (MPI_T_init_thread)")
        }
    }

    /// The tool-interface arrays an index points into.
    public enum ToolFamily { case control, performance, category }

    /// An index into the tool interface's variables or categories: MPI_T_ERR_INVALID_INDEX
    /// when negative (Open MPI 4.1 indexes its arrays with it unchecked) or not below the
    /// number of them (MPICH 4.0 crashes in MPI_T_pvar_get_info past the end). When the count
    /// cannot be had (MPI_T not initialized), the host answers.
    public func requireToolIndex(_ index: Int32, of family: ToolFamily?) throws(TranslationError) {
        guard index >= 0 else { throw TranslationError(GuestErrorClass.toolIndex, "index \(index) is negative") }
        var count: Int32 = 0
        let rc: Int32
        switch family {
        case .control?: rc = MPI_T_cvar_get_num(&count)
        case .performance?: rc = MPI_T_pvar_get_num(&count)
        case .category?: rc = MPI_T_category_get_num(&count)
        case nil: return
        }
        guard rc != MPI_SUCCESS || index < count else {
            throw TranslationError(GuestErrorClass.toolIndex, "index \(index) is not below the \(count) there are")
        }
    }

    /// MPI_T_cvar_handle_alloc and MPI_T_pvar_handle_alloc: the object the handle binds to is a
    /// guest handle of the kind the variable's binding says; the new handle is recorded with
    /// the elements a read or write moves.
    public func allocateToolHandle(
        _ guest: GuestInstance, performance: Bool, session: Int32, index: Int32, object: UInt32, handle: UInt32, count: UInt32
    ) throws(TranslationError) -> Int32 {
        try requireToolIndex(index, of: performance ? .performance : .control)
        var objectKind: Int32 = -1
        var datatype: UInt64 = 0
        var name = [CChar](repeating: 0, count: 256)
        let described = mpiwasm_tool_variable(performance ? 1 : 0, index, &objectKind, &datatype, &name)
        if performance && described == MPI_SUCCESS { try requireRunningVariable(String(cString: name)) }
        let handleOut = try bytes(guest, handle, 4), countOut = try bytes(guest, count, 4)
        guard described == MPI_SUCCESS else { return described }
        let kinds = Self.toolObjectKinds
        guard objectKind >= 0, Int(objectKind) < kinds.count else {
            throw TranslationError(GuestErrorClass.arg, "the variable binds to an object the runtime does not translate")
        }
        var hostObject: UInt64 = 0
        if let kind = kinds[Int(objectKind)] {
            hostObject = try host(try bytes(guest, object, 4).loadUnaligned(as: Int32.self), kind)
        }
        var hostHandle: UInt64 = 0
        var elements: Int32 = 0
        let variable = ToolVariable(datatype: datatype)
        let code = performance
            ? mpiwasm_pvar_handle_alloc(try host(session, .tPvarSession), index, objectKind, hostObject, variable.object, &hostHandle, &elements)
            : mpiwasm_cvar_handle_alloc(index, objectKind, hostObject, variable.object, &hostHandle, &elements)
        guard code == MPI_SUCCESS else { return code }
        let kind: GuestHandleKind = performance ? .tPvarHandle : .tCvarHandle
        let guestHandle = self.guest(for: hostHandle, kind)
        variable.count = Int64(elements)
        if performance { variable.session = session }
        toolVariables[ToolHandle(kind: kind, handle: guestHandle)] = variable
        handleOut.storeBytes(of: guestHandle, as: Int32.self)
        countOut.storeBytes(of: elements, as: Int32.self)
        return MPI_SUCCESS
    }

    /// Performance variables whose code is not running, which Open MPI 4.1 crashes allocating a
    /// handle for (natively too), are refused: those of a component it opened and unloaded again
    /// (`osc_monitoring_*` after a window chose another osc component: its functions are gone),
    /// and those of the PSM2 transport, registered whether or not the transport runs, on a node
    /// without an Omni-Path device (/dev/hfi1_0).
    func requireRunningVariable(_ variable: String) throws(TranslationError) {
        let parts = variable.split(separator: "_", maxSplits: 2).map(String.init)
        if parts.count == 3, mpiwasm_component_unloaded(parts[0], parts[1]) == 1 {
            throw TranslationError(GuestErrorClass.toolInvalid, "\(variable) belongs to the \(parts[0]) component \(parts[1]), which Open MPI unloaded")
        }
        if variable.hasPrefix("mtl_psm2_"), access("/dev/hfi1_0", F_OK) != 0 {
            throw TranslationError(GuestErrorClass.toolInvalid, "\(variable) belongs to the PSM2 transport, which does not run on this node (no /dev/hfi1_0)")
        }
    }

    /// A performance variable handle used with a session must be one of that session's (Open
    /// MPI 4.1 takes it off the session's list unchecked). MPI_T_PVAR_ALL_HANDLES and handles
    /// the runtime does not know are left to the lookup and the host.
    public func requirePvarHandle(_ handle: Int32, in session: Int32) throws(TranslationError) {
        guard let variable = toolVariables[ToolHandle(kind: .tPvarHandle, handle: handle)], variable.session != session else { return }
        throw TranslationError(tables[GuestHandleKind.tPvarHandle.rawValue].errorClass, "the performance variable handle belongs to another session")
    }

    /// MPI_T_pvar_session_free freed the session's handles with it: their guest handles go too
    /// (freeing one again made Open MPI 4.1 unlink freed memory from the session's list).
    func pvarSessionReleased(_ session: Int32) {
        let handles = toolVariables.filter { $0.key.kind == .tPvarHandle && $0.value.session == session }.map(\.key)
        for handle in handles {
            toolVariables[handle] = nil
            tables[GuestHandleKind.tPvarHandle.rawValue].release(handle.handle)
        }
    }

    /// The guest buffer of a read or write through a handle, checked to hold what it moves.
    public func toolBuffer(_ guest: GuestInstance, _ address: UInt32, handle: Int32, performance: Bool) throws(TranslationError) -> (UInt64, UnsafeMutableRawPointer?) {
        let kind: GuestHandleKind = performance ? .tPvarHandle : .tCvarHandle
        let hostHandle = try host(handle, kind)
        guard let variable = toolVariables[ToolHandle(kind: kind, handle: handle)] else {
            throw TranslationError(GuestErrorClass.arg, "not a handle from MPI_T_\(performance ? "p" : "c")var_handle_alloc")
        }
        guard address != 0 else { throw TranslationError(GuestErrorClass.arg, "the buffer is a null pointer") }
        return (hostHandle, try buffer(guest, address, count: variable.count, datatype: variable.datatype))
    }
}
