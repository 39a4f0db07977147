import CMPI
import MPITranslation
import WasmEngine

/// Error handlers are the guest's: the host keeps MPI_ERRORS_RETURN on every object and the
/// runtime applies what the guest chose (`ErrorHandlers`), calling user handlers in the guest.
enum ErrorHandlerBindings {
    static var all: [HostFunction] {
        functions(.comm, handleKind: .comm, ErrorObject.comm)
            + functions(.win, handleKind: .win, ErrorObject.win)
            + functions(.file, handleKind: .file, ErrorObject.file)
            + [errhandlerFree]
    }

    static let errhandlerFree = HostFunction(module: "mpi", name: "MPI_Errhandler_free", type: FunctionType([.i32], [.i32])) { guest, frame in
        let rt = BindingRuntime.shared
        rt.call(frame, "MPI_Errhandler_free", object: nil) { () throws(TranslationError) -> Int32 in
            let pointer = try rt.bytes(guest, frame.u32(0), 4)
            try rt.errorHandlers.free(pointer.loadUnaligned(as: Int32.self))
            pointer.storeBytes(of: ErrorHandlers.null, as: Int32.self)
            return MPI_SUCCESS
        }
    }

    /// MPI_<Kind>_create_errhandler, _set_errhandler, _get_errhandler and _call_errhandler.
    static func functions(_ kind: ErrorHandlers.Kind, handleKind: GuestHandleKind, _ object: @escaping @Sendable (Int32) -> ErrorObject) -> [HostFunction] {
        let prefix = "MPI_\(kind.rawValue)_"
        // Files accept MPI_FILE_NULL: its handler is the default for files opened later.
        let allowNull = kind == .file
        return [
            HostFunction(module: "mpi", name: prefix + "create_errhandler", type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, prefix + "create_errhandler", object: nil) { () throws(TranslationError) -> Int32 in
                    let out = try rt.bytes(guest, frame.u32(1), 4)
                    try rt.requireFunction(frame.u32(0), "the error handler function")
                    out.storeBytes(of: rt.errorHandlers.create(kind, function: frame.u32(0)), as: Int32.self)
                    return MPI_SUCCESS
                }
            },
            HostFunction(module: "mpi", name: prefix + "set_errhandler", type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, prefix + "set_errhandler", object: object(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                    _ = try rt.host(frame.i32(0), handleKind, allowNull: allowNull)
                    try rt.errorHandlers.set(frame.i32(1), on: object(frame.i32(0)))
                    return MPI_SUCCESS
                }
            },
            HostFunction(module: "mpi", name: prefix + "get_errhandler", type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, prefix + "get_errhandler", object: object(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                    _ = try rt.host(frame.i32(0), handleKind, allowNull: allowNull)
                    let out = try rt.bytes(guest, frame.u32(1), 4)
                    out.storeBytes(of: rt.errorHandlers.get(object(frame.i32(0))), as: Int32.self)
                    return MPI_SUCCESS
                }
            },
            HostFunction(module: "mpi", name: prefix + "call_errhandler", type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, prefix + "call_errhandler", object: object(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                    // Unlike set and get, calling the handler of MPI_FILE_NULL is MPI_ERR_ARG (as
                    // the host answers native programs).
                    guard frame.i32(0) != ErrorObject.fileNull.handle || kind != .file else {
                        throw TranslationError(GuestErrorClass.arg, "MPI_FILE_NULL is not a file")
                    }
                    _ = try rt.host(frame.i32(0), handleKind)
                    // The handler runs (and may end the job); the call itself succeeds.
                    _ = rt.callErrorHandler(of: object(frame.i32(0)), code: frame.i32(1), function: prefix + "call_errhandler")
                    return MPI_SUCCESS
                }
            },
        ]
    }
}
