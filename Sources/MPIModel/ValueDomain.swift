/// The constants an integer parameter can carry, which the bindings translate between the
/// guest ABI's values and the host's (`MPI_PROC_NULL` is -3 in the ABI, -2 in Open MPI).
///
/// Applies to a scalar, to what a scalar pointer points to, or to every element of an int array.
public enum ValueDomain: String, Codable, Sendable, CaseIterable {
    case rank, tag, undefined
    case errorCode = "error_code", errorClass = "error_class"
    case keyval
    case threadLevel = "thread_level"
    case fileMode = "file_mode", windowAssert = "window_assert"
    case seek, lockType = "lock_type", order, distribute, typeclass, combiner
    case comparison, topology, splitType = "split_type", displacement
    case tVerbosity = "t_verbosity", tBind = "t_bind", tScope = "t_scope", tPvarClass = "t_pvar_class"
    /// Overrides a wildcard rule: the value is passed unchanged (MPI_Abort's exit code).
    case none

    /// The guest-ABI constants of the domain, by exact name or, ending in `_`, by prefix.
    public var constants: [String] {
        switch self {
        case .rank: return ["MPI_ANY_SOURCE", "MPI_PROC_NULL", "MPI_ROOT", "MPI_UNDEFINED"]
        case .tag: return ["MPI_ANY_TAG"]
        case .undefined: return ["MPI_UNDEFINED"]
        case .errorCode, .errorClass: return ["MPI_SUCCESS", "MPI_ERR_", "MPI_T_ERR_"]
        case .keyval:
            return ["MPI_KEYVAL_INVALID", "MPI_TAG_UB", "MPI_IO", "MPI_HOST", "MPI_WTIME_IS_GLOBAL", "MPI_APPNUM",
                    "MPI_LASTUSEDCODE", "MPI_UNIVERSE_SIZE", "MPI_WIN_BASE", "MPI_WIN_DISP_UNIT", "MPI_WIN_SIZE",
                    "MPI_WIN_CREATE_FLAVOR", "MPI_WIN_MODEL"]
        case .threadLevel: return ["MPI_THREAD_"]
        case .fileMode:
            return ["MPI_MODE_APPEND", "MPI_MODE_CREATE", "MPI_MODE_DELETE_ON_CLOSE", "MPI_MODE_EXCL", "MPI_MODE_RDONLY",
                    "MPI_MODE_RDWR", "MPI_MODE_SEQUENTIAL", "MPI_MODE_UNIQUE_OPEN", "MPI_MODE_WRONLY"]
        case .windowAssert: return ["MPI_MODE_NOCHECK", "MPI_MODE_NOPRECEDE", "MPI_MODE_NOPUT", "MPI_MODE_NOSTORE", "MPI_MODE_NOSUCCEED"]
        case .seek: return ["MPI_SEEK_"]
        case .lockType: return ["MPI_LOCK_"]
        case .order: return ["MPI_ORDER_"]
        case .distribute: return ["MPI_DISTRIBUTE_"]
        case .typeclass: return ["MPI_TYPECLASS_"]
        case .combiner: return ["MPI_COMBINER_"]
        case .comparison: return ["MPI_IDENT", "MPI_CONGRUENT", "MPI_SIMILAR", "MPI_UNEQUAL"]
        case .topology: return ["MPI_CART", "MPI_GRAPH", "MPI_DIST_GRAPH", "MPI_UNDEFINED"]
        case .splitType: return ["MPI_COMM_TYPE_", "MPI_UNDEFINED"]
        case .displacement: return ["MPI_DISPLACEMENT_CURRENT"]
        case .tVerbosity: return ["MPI_T_VERBOSITY_"]
        case .tBind: return ["MPI_T_BIND_"]
        case .tScope: return ["MPI_T_SCOPE_"]
        case .tPvarClass: return ["MPI_T_PVAR_CLASS_"]
        case .none: return []
        }
    }

    /// Domains whose every valid input is one of the constants (no counts or ranks beside them):
    /// any other guest value reaches the host as a value no host takes, rather than unchanged,
    /// where it could be one of the host's own constants (Open MPI's OMPI_COMM_TYPE_CORE is 2,
    /// MPICH's MPIX_COMM_TYPE_NEIGHBORHOOD too; Open MPI's MPI_LOCK_EXCLUSIVE is 1).
    public var isClosed: Bool { [.seek, .lockType, .order, .typeclass, .splitType].contains(self) }

    /// Combinations of flags, translated bit by bit.
    public var isBitmask: Bool { self == .fileMode || self == .windowAssert }

    /// Whether `name` is one of the domain's constants.
    public func contains(_ name: String) -> Bool {
        constants.contains { $0.hasSuffix("_") ? name.hasPrefix($0) : name == $0 }
    }
}
