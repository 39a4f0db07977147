/// The kinds of handle the guest ABI has, one handle table each; the generated bindings name
/// them (`rt.host(frame.i32(0), .comm)`), so a lookup is an array index, not a string hash.
public enum GuestHandleKind: Int, CaseIterable, Sendable {
    case comm, datatype, op, request, group, info, errhandler, win, file, message, session
    case tEnum, tCvarHandle, tPvarHandle, tPvarSession, tEventInstance, tEventRegistration

    /// The C type: `MPI_Comm`, `MPI_T_pvar_handle`, ...
    public var typeName: String {
        switch self {
        case .comm: return "MPI_Comm"
        case .datatype: return "MPI_Datatype"
        case .op: return "MPI_Op"
        case .request: return "MPI_Request"
        case .group: return "MPI_Group"
        case .info: return "MPI_Info"
        case .errhandler: return "MPI_Errhandler"
        case .win: return "MPI_Win"
        case .file: return "MPI_File"
        case .message: return "MPI_Message"
        case .session: return "MPI_Session"
        case .tEnum: return "MPI_T_enum"
        case .tCvarHandle: return "MPI_T_cvar_handle"
        case .tPvarHandle: return "MPI_T_pvar_handle"
        case .tPvarSession: return "MPI_T_pvar_session"
        case .tEventInstance: return "MPI_T_event_instance"
        case .tEventRegistration: return "MPI_T_event_registration"
        }
    }

    public init?(typeName: String) {
        guard let kind = Self.allCases.first(where: { $0.typeName == typeName }) else { return nil }
        self = kind
    }
}
