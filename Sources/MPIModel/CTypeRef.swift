/// A C type in the API model, independent of libclang and of the host's representation.
///
/// Handles are named by kind, not by the host's spelling (`struct ompi_communicator_t *`),
/// so the same model describes Open MPI and MPICH and renders to the guest ABI.
public indirect enum CTypeRef: Hashable, Sendable {
    case void
    /// A scalar by its C spelling: `int`, `double`, `char`, `MPI_Aint`, `MPI_Offset`, `MPI_Count`, `MPI_Fint`, `size_t`, ...
    case scalar(String)
    /// An MPI handle typedef, e.g. `MPI_Comm`.
    case handle(HandleKind)
    /// `MPI_Status` (or `MPI_F08_status` and the like would be added here).
    case status
    /// A function typedef used for callbacks, e.g. `MPI_User_function`.
    case callback(String)
    case pointer(CTypeRef, isConst: Bool)
    /// Declared with `[]` in the header (an array parameter, decayed to a pointer by C).
    case array(CTypeRef, isConst: Bool)
    /// `T[n]`, as in `int ranges[][3]` (MPI_Group_range_incl).
    case fixedArray(CTypeRef, Int)
    /// A type the scanner does not understand; functions using it are not bound.
    case unknown(String)

    /// The C spelling on the guest side (wasm32 ABI): handles are their typedef names.
    public var guestSpelling: String {
        switch self {
        case .void: return "void"
        case .scalar(let name): return name
        case .handle(let kind): return kind.typeName
        case .status: return "MPI_Status"
        case .callback(let name): return name
        case .pointer(let inner, let isConst):
            let base = (isConst ? "const " : "") + inner.guestSpelling
            return base + (base.hasSuffix("*") ? "*" : " *")
        case .array(let inner, let isConst):
            return (isConst ? "const " : "") + inner.guestSpelling
        case .fixedArray(let inner, _): return inner.guestSpelling
        case .unknown(let spelling): return spelling
        }
    }

    /// A C declaration of `name` with this type, e.g. `const int sendcounts[]`, `int ranges[][3]`.
    public func declaration(_ name: String) -> String {
        switch self {
        case .array(.fixedArray(let inner, let n), let isConst):
            return (isConst ? "const " : "") + inner.guestSpelling + " " + name + "[][\(n)]"
        case .array(let inner, let isConst):
            let base = (isConst ? "const " : "") + inner.guestSpelling
            return base + (base.hasSuffix("*") ? "" : " ") + name + "[]"
        case .pointer:
            return guestSpelling + name
        default:
            return guestSpelling + (name.isEmpty ? "" : " " + name)
        }
    }

    /// The type a pointer or array points to.
    public var pointee: CTypeRef? {
        switch self {
        case .pointer(let inner, _), .array(let inner, _): return inner
        default: return nil
        }
    }

    public var isConstPointee: Bool {
        switch self {
        case .pointer(_, let isConst), .array(_, let isConst): return isConst
        default: return false
        }
    }

    /// Whether any part of the type is `.unknown`.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: return true
        case .pointer(let inner, _), .array(let inner, _), .fixedArray(let inner, _): return inner.containsUnknown
        default: return false
        }
    }
}

/// The kind of an MPI handle, named by its C typedef (`MPI_Comm`, `MPI_T_enum`, ...).
public struct HandleKind: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let typeName: String

    public init(_ typeName: String) { self.typeName = typeName }

    public init(from decoder: Decoder) throws {
        typeName = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(typeName)
    }

    public var description: String { typeName }
    public static func < (a: HandleKind, b: HandleKind) -> Bool { a.typeName < b.typeName }

    /// The error class a bad handle of this kind gives (MPI 4.1, section 9.4).
    public var errorClass: String {
        switch typeName {
        case "MPI_Comm": return "MPI_ERR_COMM"
        case "MPI_Datatype": return "MPI_ERR_TYPE"
        case "MPI_Op": return "MPI_ERR_OP"
        case "MPI_Request": return "MPI_ERR_REQUEST"
        case "MPI_Group": return "MPI_ERR_GROUP"
        case "MPI_Info": return "MPI_ERR_INFO"
        case "MPI_Errhandler": return "MPI_ERR_ERRHANDLER"
        case "MPI_Win": return "MPI_ERR_WIN"
        case "MPI_File": return "MPI_ERR_FILE"
        case "MPI_Session": return "MPI_ERR_SESSION"
        case "MPI_Message": return "MPI_ERR_REQUEST"
        default: return typeName.hasPrefix("MPI_T_") ? "MPI_T_ERR_INVALID_HANDLE" : "MPI_ERR_ARG"
        }
    }
}

/// A compact, prefix-notation text form for the model dump: `*const void`, `[]const int`,
/// `[3]int`, `handle:MPI_Comm`, `callback:MPI_User_function`, `status`, `void`, `?spelling`;
/// anything else is a scalar's C spelling (`long long`, `MPI_Aint`).
extension CTypeRef: Codable {
    public var code: String {
        switch self {
        case .void: return "void"
        case .scalar(let name): return name
        case .handle(let kind): return "handle:" + kind.typeName
        case .status: return "status"
        case .callback(let name): return "callback:" + name
        case .pointer(let inner, let isConst): return (isConst ? "*const " : "*") + inner.code
        case .array(let inner, let isConst): return (isConst ? "[]const " : "[]") + inner.code
        case .fixedArray(let inner, let n): return "[\(n)]" + inner.code
        case .unknown(let spelling): return "?" + spelling
        }
    }

    public init(code: String) throws {
        var text = Substring(code)
        func take(_ prefix: String) -> Bool {
            guard text.hasPrefix(prefix) else { return false }
            text = text.dropFirst(prefix.count)
            return true
        }
        if take("*const ") { self = .pointer(try CTypeRef(code: String(text)), isConst: true) }
        else if take("*") { self = .pointer(try CTypeRef(code: String(text)), isConst: false) }
        else if take("[]const ") { self = .array(try CTypeRef(code: String(text)), isConst: true) }
        else if take("[]") { self = .array(try CTypeRef(code: String(text)), isConst: false) }
        else if take("["), let close = text.firstIndex(of: "]"), let n = Int(text[..<close]) {
            self = .fixedArray(try CTypeRef(code: String(text[text.index(after: close)...])), n)
        }
        else if take("handle:") { self = .handle(HandleKind(String(text))) }
        else if take("callback:") { self = .callback(String(text)) }
        else if take("?") { self = .unknown(String(text)) }
        else if text == "status" { self = .status }
        else if text == "void" { self = .void }
        else if text.isEmpty { throw SpecError("empty type code") }
        else { self = .scalar(String(text)) }
    }

    public init(from decoder: Decoder) throws {
        try self.init(code: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
