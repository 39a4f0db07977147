import MPIModel

/// Renders the Swift host bindings: one `HostFunction` per bound MPI function, which checks and
/// translates every argument with the runtime's machinery (`BindingRuntime`), calls the host's
/// real MPI function, writes results back into guest memory and applies the guest's error handler.
///
/// Functions whose parameters need machinery not built yet are listed with the reason instead;
/// the runtime refuses modules that import them, naming the function.
public struct SwiftBindingsEmitter {
    public let abi: [ABIConstant]

    public init(abi: [ABIConstant]) { self.abi = abi }

    /// Functions whose MPI semantics a generic binding would get wrong; their bindings are
    /// written by hand (Sources/MPIBindings/HandWritten) and not generated.
    /// - Error handlers are the guest's: the host keeps MPI_ERRORS_RETURN.
    /// - Keyvals and attributes: guest copy/delete functions, attribute values as guest pointers.
    /// - MPI_Op_create: reductions call a guest function through a host trampoline slot;
    ///   MPI_Grequest_start: the host calls the guest's query, free and cancel functions.
    /// - Memory MPI hands to the guest comes from the guest's allocator.
    /// - MPI_Pcontrol is variadic; MPI_Abort says which rank ended the job before it ends.
    /// - Tools-interface handles bind to objects, and read and write buffers, whose kinds and
    ///   sizes the variable's description gives.
    public static let handWritten: Set<String> = [
        "MPI_Comm_set_errhandler", "MPI_Comm_get_errhandler", "MPI_Comm_create_errhandler", "MPI_Comm_call_errhandler",
        "MPI_Win_set_errhandler", "MPI_Win_get_errhandler", "MPI_Win_create_errhandler", "MPI_Win_call_errhandler",
        "MPI_File_set_errhandler", "MPI_File_get_errhandler", "MPI_File_create_errhandler", "MPI_File_call_errhandler",
        "MPI_Errhandler_free",
        "MPI_Comm_create_keyval", "MPI_Comm_set_attr", "MPI_Comm_get_attr",
        "MPI_Type_create_keyval", "MPI_Type_set_attr", "MPI_Type_get_attr",
        "MPI_Win_create_keyval", "MPI_Win_set_attr", "MPI_Win_get_attr",
        "MPI_Keyval_create", "MPI_Attr_put", "MPI_Attr_get",
        "MPI_Op_create", "MPI_Grequest_start",
        "MPI_Alloc_mem", "MPI_Free_mem", "MPI_Win_allocate", "MPI_Win_allocate_shared", "MPI_Win_shared_query", "MPI_Buffer_detach",
        "MPI_Pcontrol", "MPI_Abort",
        "MPI_T_cvar_handle_alloc", "MPI_T_cvar_read", "MPI_T_cvar_write",
        "MPI_T_pvar_handle_alloc", "MPI_T_pvar_read", "MPI_T_pvar_write", "MPI_T_pvar_readreset",
    ]

    /// Error handlers of sessions (MPI-4) are not emulated yet.
    static let sessionErrorHandlers: Set<String> = [
        "MPI_Session_set_errhandler", "MPI_Session_get_errhandler", "MPI_Session_create_errhandler", "MPI_Session_call_errhandler",
    ]

    /// Calls that reach beyond the job's own ranks; the runtime refuses them unless the user
    /// grants the capability (`Capability.gated` in MPITranslation holds the details).
    public static let gated: Set<String> = [
        "MPI_Open_port", "MPI_Close_port", "MPI_Comm_accept", "MPI_Comm_connect", "MPI_Publish_name",
        "MPI_Unpublish_name", "MPI_Lookup_name", "MPI_Comm_join", "MPI_Comm_spawn", "MPI_Comm_spawn_multiple",
    ]

    /// Calls after which the runtime takes over the host's error handlers.
    static let initializers: Set<String> = ["MPI_Init", "MPI_Init_thread"]

    /// The rendered file, and the functions the runtime serves with it.
    public struct Rendered {
        public var text: String
        /// Generated and hand-written bindings, in the model's order.
        public var bound: [String]
    }

    public func render(_ api: MPIAPI) -> String { bind(api).text }

    public func bind(_ api: MPIAPI) -> Rendered {
        var bodies: [String] = []
        var skipped: [(String, String)] = []
        var bound: [String] = []
        for function in api.functions where function.isBound && !function.isGuestLocal {
            if Self.handWritten.contains(function.name) {
                bound.append(function.name)
                continue
            }
            do {
                bodies.append(try FunctionRenderer(function: function, api: api, abi: abi).render())
                bound.append(function.name)
            } catch {
                skipped.append((function.name, error.message))
            }
        }
        var out = generatedBanner(api) { "// " + $0 }
        out += """
        import CMPI
        import Foundation
        import MPITranslation
        import WasmEngine

        extension MPIBindings {
            /// The generated bindings, one per function.
            static let generated = bindings(BindingRuntime.shared)

            /// The bindings capture the runtime once: a call neither looks it up nor retains it.
            static func bindings(_ rt: BindingRuntime) -> [HostFunction] { [

        """
        out += bodies.joined()
        out += "    ] }\n\n    /// Bound functions whose bindings are not generated yet, and why.\n"
        out += "    static let notGenerated: [String: String] = [\n"
        for (name, reason) in skipped { out += "        \"\(name)\": \"\(reason)\",\n" }
        out += skipped.isEmpty ? "        :\n" : ""
        out += "    ]\n}\n"
        return Rendered(text: out, bound: bound)
    }
}

struct Unsupported: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
