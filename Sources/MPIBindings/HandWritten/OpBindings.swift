import CMPI
import MPITranslation
import WasmEngine

/// MPI_Op_create with a guest function: reductions call back into the guest.
enum OpBindings {
    static let all = [
        HostFunction(module: "mpi", name: "MPI_Op_create", type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Op_create", object: nil) {
                let out = try rt.bytes(guest, frame.u32(2), 4)
                let (code, op) = try rt.createOp(function: frame.u32(0), commute: frame.i32(1))
                if code == MPI_SUCCESS { out.storeBytes(of: rt.guest(for: op, "MPI_Op"), as: Int32.self) }
                return code
            }
        },
    ]
}
