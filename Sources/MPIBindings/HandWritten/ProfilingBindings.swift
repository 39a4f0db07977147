import CMPIShims
import MPITranslation
import WasmEngine

/// MPI_Pcontrol is variadic in C: clang passes the address of the extra arguments (which MPI
/// ignores) as a second parameter, and Swift cannot call the host's variadic function.
enum ProfilingBindings {
    static let all = [
        HostFunction(module: "mpi", name: "MPI_Pcontrol", type: FunctionType([.i32, .i32], [.i32])) { _, frame in
            BindingRuntime.shared.call(frame, "MPI_Pcontrol", object: nil) { mpiwasm_pcontrol(frame.i32(0)) }
        },
    ]
}
