import CMPI
import MPITranslation
import WasmEngine

/// Keyvals with guest copy and delete functions, and attribute values that are guest pointers
/// (see BindingRuntime+Attributes and +Callbacks).
enum AttributeBindings {
    static var all: [HostFunction] {
        functions(.comm, names: ("MPI_Comm_create_keyval", "MPI_Comm_set_attr", "MPI_Comm_get_attr"))
            + functions(.type, names: ("MPI_Type_create_keyval", "MPI_Type_set_attr", "MPI_Type_get_attr"))
            + functions(.win, names: ("MPI_Win_create_keyval", "MPI_Win_set_attr", "MPI_Win_get_attr"))
            // The MPI-1 forms, on communicators.
            + functions(.comm, names: ("MPI_Keyval_create", "MPI_Attr_put", "MPI_Attr_get"))
    }

    static func functions(_ object: AttributeObject, names: (create: String, set: String, get: String)) -> [HostFunction] {
        // Errors of attribute calls on a communicator or window go to its handler.
        let errorObject: @Sendable (Int32) -> ErrorObject? = { handle in
            switch object {
            case .comm: return .comm(handle)
            case .win: return .win(handle)
            case .type: return nil
            }
        }
        return [
            HostFunction(module: "mpi", name: names.create, type: FunctionType([.i32, .i32, .i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, names.create, object: nil) { () throws(TranslationError) -> Int32 in
                    let out = try rt.bytes(guest, frame.u32(2), 4)
                    let (code, keyval) = try rt.createKeyval(object, copy: frame.u32(0), delete: frame.u32(1), extraState: frame.u32(3))
                    if code == MPI_SUCCESS { out.storeBytes(of: keyval, as: Int32.self) }
                    return code
                }
            },
            HostFunction(module: "mpi", name: names.set, type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, names.set, object: errorObject(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                    let handle = try rt.host(frame.i32(0), object.handleKind)
                    return rt.setAttribute(object, handle, keyval: frame.i32(1), value: frame.u32(2))
                }
            },
            HostFunction(module: "mpi", name: names.get, type: FunctionType([.i32, .i32, .i32, .i32], [.i32])) { guest, frame in
                let rt = BindingRuntime.shared
                rt.call(frame, names.get, object: errorObject(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                    let handle = try rt.host(frame.i32(0), object.handleKind)
                    return try rt.getAttribute(
                        guest, object, handle, guestHandle: frame.i32(0), keyval: frame.i32(1),
                        valueAddress: frame.u32(2), flagAddress: frame.u32(3))
                }
            },
        ]
    }
}
