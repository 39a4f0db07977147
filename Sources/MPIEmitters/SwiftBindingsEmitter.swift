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

    /// MPI semantics that a generic binding would get wrong: error handlers are emulated on the
    /// guest side (the host keeps MPI_ERRORS_RETURN), so these wait for their hand-written bindings.
    static let handWritten: Set<String> = [
        "MPI_Comm_set_errhandler", "MPI_Comm_get_errhandler", "MPI_Comm_create_errhandler", "MPI_Comm_call_errhandler",
        "MPI_Win_set_errhandler", "MPI_Win_get_errhandler", "MPI_Win_create_errhandler", "MPI_Win_call_errhandler",
        "MPI_File_set_errhandler", "MPI_File_get_errhandler", "MPI_File_create_errhandler", "MPI_File_call_errhandler",
        "MPI_Errhandler_free", "MPI_Session_set_errhandler", "MPI_Session_get_errhandler", "MPI_Session_create_errhandler",
        "MPI_Session_call_errhandler",
    ]

    /// Calls after which the runtime takes over the host's error handlers.
    static let initializers: Set<String> = ["MPI_Init", "MPI_Init_thread"]

    public func render(_ api: MPIAPI) -> String {
        var bodies: [String] = []
        var skipped: [(String, String)] = []
        for function in api.functions where function.isBound && !function.isGuestLocal {
            do {
                bodies.append(try FunctionRenderer(function: function, api: api, abi: abi).render())
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
            static let generated: [HostFunction] = [

        """
        out += bodies.joined()
        out += "    ]\n\n    /// Bound functions whose bindings are not generated yet, and why.\n"
        out += "    static let notGenerated: [String: String] = [\n"
        for (name, reason) in skipped { out += "        \"\(name)\": \"\(reason)\",\n" }
        out += skipped.isEmpty ? "        :\n" : ""
        out += "    ]\n}\n"
        return out
    }

    public func summary(_ api: MPIAPI) -> (generated: Int, skipped: [String: String]) {
        var generated = 0
        var skipped: [String: String] = [:]
        for function in api.functions where function.isBound && !function.isGuestLocal {
            do {
                _ = try FunctionRenderer(function: function, api: api, abi: abi).render()
                generated += 1
            } catch {
                skipped[function.name] = error.message
            }
        }
        return (generated, skipped)
    }
}

struct Unsupported: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
