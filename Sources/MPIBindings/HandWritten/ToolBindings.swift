import CMPI
import CMPIShims
import MPITranslation
import WasmEngine

/// Handles of tools-interface variables: the object a handle binds to has the kind the
/// variable's binding says, and reads and writes move elements of the variable's datatype, both
/// known only from the variable's description (BindingRuntime+Tools).
enum ToolBindings {
    static let all: [HostFunction] = [
        HostFunction(module: "mpi", name: "MPI_T_cvar_handle_alloc", type: FunctionType([.i32, .i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_T_cvar_handle_alloc", object: nil) { () throws(TranslationError) -> Int32 in
                try rt.requireToolsInitialized()
                return try rt.allocateToolHandle(guest, performance: false, session: 0, index: frame.i32(0), object: frame.u32(1), handle: frame.u32(2), count: frame.u32(3))
            }
        },
        HostFunction(module: "mpi", name: "MPI_T_pvar_handle_alloc", type: FunctionType([.i32, .i32, .i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_T_pvar_handle_alloc", object: nil) { () throws(TranslationError) -> Int32 in
                try rt.requireToolsInitialized()
                return try rt.allocateToolHandle(guest, performance: true, session: frame.i32(0), index: frame.i32(1), object: frame.u32(2), handle: frame.u32(3), count: frame.u32(4))
            }
        },
        controlAccess("MPI_T_cvar_read", write: false),
        controlAccess("MPI_T_cvar_write", write: true),
        performanceAccess("MPI_T_pvar_read", operation: 0),
        performanceAccess("MPI_T_pvar_write", operation: 1),
        performanceAccess("MPI_T_pvar_readreset", operation: 2),
    ]

    static func controlAccess(_ name: String, write: Bool) -> HostFunction {
        HostFunction(module: "mpi", name: name, type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, name, object: nil) { () throws(TranslationError) -> Int32 in
                try rt.requireToolsInitialized()
                if write { try rt.require(name) }
                let (handle, buffer) = try rt.toolBuffer(guest, frame.u32(1), handle: frame.i32(0), performance: false)
                return mpiwasm_cvar_access(write ? 1 : 0, handle, buffer)
            }
        }
    }

    static func performanceAccess(_ name: String, operation: Int32) -> HostFunction {
        HostFunction(module: "mpi", name: name, type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, name, object: nil) { () throws(TranslationError) -> Int32 in
                try rt.requireToolsInitialized()
                let session = try rt.host(frame.i32(0), .tPvarSession)
                try rt.requirePvarHandle(frame.i32(1), in: frame.i32(0))
                let (handle, buffer) = try rt.toolBuffer(guest, frame.u32(2), handle: frame.i32(1), performance: true)
                return mpiwasm_pvar_access(operation, session, handle, buffer)
            }
        }
    }
}
