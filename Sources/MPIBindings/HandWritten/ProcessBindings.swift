import CMPI
import CMPIShims
import MPITranslation
import WasmEngine

/// Calls about the process rather than data: MPI_Abort says which rank ended the job and why
/// before the host ends it; MPI_Pcontrol is variadic in C (clang passes the address of the
/// extra arguments, which MPI ignores, as a second parameter) and Swift cannot call it.
enum ProcessBindings {
    static let all = [
        HostFunction(module: "mpi", name: "MPI_Abort", type: FunctionType([.i32, .i32], [.i32])) { _, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Abort", object: .comm(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                let comm = try rt.host(frame.i32(0), .comm)
                rt.announceAbort("the module called MPI_Abort with error code \(frame.i32(1))")
                return mpiwasm_abort(comm, frame.i32(1))
            }
        },
        HostFunction(module: "mpi", name: "MPI_Pcontrol", type: FunctionType([.i32, .i32], [.i32])) { _, frame in
            BindingRuntime.shared.call(frame, "MPI_Pcontrol", object: nil) { mpiwasm_pcontrol(frame.i32(0)) }
        },
    ]
}
