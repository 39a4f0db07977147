/// What a module may do beyond its own ranks only when the user grants it on the command line:
/// connecting to other jobs (ports, name publishing), creating processes, and setting the host
/// MPI's control variables (among them session directories, backing-file directories and the
/// components it loads: host configuration, not the module's).
public enum Capability: String, Sendable, CaseIterable {
    case connect, spawn
    case cvarWrite = "cvar-write"

    /// The command-line flag that grants it.
    public var flag: String { "--allow-\(rawValue)" }

    /// The gated functions and the error class a refusal returns.
    public static let gated: [String: (capability: Capability, errorClass: Int32)] = [
        "MPI_Open_port": (.connect, 43), "MPI_Close_port": (.connect, 43),
        "MPI_Comm_accept": (.connect, 43), "MPI_Comm_connect": (.connect, 43),
        "MPI_Publish_name": (.connect, 51), "MPI_Unpublish_name": (.connect, 51), "MPI_Lookup_name": (.connect, 38),
        // The socket is a file descriptor of the guest's WASI table, not the host's.
        "MPI_Comm_join": (.connect, 16),
        "MPI_Comm_spawn": (.spawn, 53), "MPI_Comm_spawn_multiple": (.spawn, 53),
        // MPI_T_ERR_CVAR_SET_NEVER: not settable by this module.
        "MPI_T_cvar_write": (.cvarWrite, 1015),
    ]

    /// Why a gated call needs the user's permission, for the refusal's message.
    var reach: String {
        switch self {
        case .connect, .spawn: "reaches beyond the job's own ranks"
        case .cvarWrite: "changes the host MPI's configuration"
        }
    }
}

extension BindingRuntime {
    /// Refuses a gated call unless the user granted its capability.
    public func require(_ function: String) throws(TranslationError) {
        if function == "MPI_Comm_join" {
            throw TranslationError(GuestErrorClass.other, "MPI_Comm_join takes a socket of the guest's WASI descriptor table, which the host cannot use")
        }
        guard let gate = Capability.gated[function], !granted.contains(gate.capability) else { return }
        throw TranslationError(gate.errorClass, "\(function) \(gate.capability.reach): run with \(gate.capability.flag) to allow it")
    }
}
