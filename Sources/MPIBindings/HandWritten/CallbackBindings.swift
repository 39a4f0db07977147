import CMPI
import MPITranslation
import WasmEngine

/// Guest functions the host MPI calls: user ops (reductions call back into the guest) and
/// the query, free and cancel functions of generalized requests.
enum CallbackBindings {
    static let all = [
        HostFunction(module: "mpi", name: "MPI_Op_create", type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Op_create", object: nil) { () throws(TranslationError) -> Int32 in
                let out = try rt.bytes(guest, frame.u32(2), 4)
                let (code, op) = try rt.createOp(function: frame.u32(0), commute: frame.i32(1))
                if code == MPI_SUCCESS { out.storeBytes(of: rt.guest(for: op, .op), as: Int32.self) }
                return code
            }
        },
        HostFunction(module: "mpi", name: "MPI_Grequest_start", type: FunctionType([.i32, .i32, .i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Grequest_start", object: nil) { () throws(TranslationError) -> Int32 in
                let out = try rt.bytes(guest, frame.u32(4), 4)
                let (code, request) = try rt.startGrequest(query: frame.u32(0), free: frame.u32(1), cancel: frame.u32(2), extraState: frame.u32(3))
                if code == MPI_SUCCESS { out.storeBytes(of: rt.startedGrequest(rt.guest(for: request, .request)), as: Int32.self) }
                return code
            }
        },
    ]
}
