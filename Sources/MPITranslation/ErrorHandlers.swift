/// The object whose error handler applies to a call: a communicator, window or file (guest
/// handles; handles of different kinds may share a value).
public enum ErrorObject: Hashable, Sendable {
    case comm(Int32), win(Int32), file(Int32)

    public var kind: ErrorHandlers.Kind {
        switch self {
        case .comm: return .comm
        case .win: return .win
        case .file: return .file
        }
    }

    public var handle: Int32 {
        switch self {
        case .comm(let h), .win(let h), .file(let h): return h
        }
    }

    /// The table the object's handle lives in.
    var handleKind: GuestHandleKind {
        switch self {
        case .comm: return .comm
        case .win: return .win
        case .file: return .file
        }
    }

    /// The object of a freed handle whose error handler must be let go (nil for other kinds).
    init?(_ kind: GuestHandleKind, _ handle: Int32) {
        switch kind {
        case .comm: self = .comm(handle)
        case .win: self = .win(handle)
        case .file: self = .file(handle)
        default: return nil
        }
    }

    /// Errors of calls without a communicator, window or file go to MPI_COMM_WORLD's handler.
    public static let world = ErrorObject.comm(0x101)
    /// MPI_FILE_NULL's handler applies to MPI_File_open and MPI_File_delete, and is the
    /// default of files opened after it was set.
    public static let fileNull = ErrorObject.file(0x118)
}

/// The error handlers as the guest sees them (MPI-4.1 §9.3): the predefined ones and those the
/// guest created, and which one each object has. The host keeps MPI_ERRORS_RETURN on every
/// object, so the runtime sees every error and applies these.
public struct ErrorHandlers: Sendable {
    public enum Kind: String, Sendable {
        case comm = "Comm", win = "Win", file = "File"
    }

    public static let null: Int32 = 0x140, fatal: Int32 = 0x141, abort: Int32 = 0x142, returns: Int32 = 0x143

    /// A handler the guest created: its kind and guest function (a function-table index).
    public struct User: Sendable {
        public let kind: Kind
        public let function: UInt32
        /// The handle itself until freed, and each object it is attached to.
        var references: Int
    }

    private var attached: [ErrorObject: Int32] = [:]
    private(set) var user: [Int32: User] = [:]
    private var freeHandles: [Int32] = []
    private var nextSlot = 0

    public init() {}

    /// The handler in force for `object`: its own, or the default (fatal for communicators and
    /// windows; for files, MPI_FILE_NULL's handler, which starts as MPI_ERRORS_RETURN). Which
    /// object takes an error on an invalid handle is `BindingRuntime.handlerTarget`'s to say.
    public func handler(for object: ErrorObject) -> Int32 {
        if let handler = attached[object] { return handler }
        if case .file = object { return object == .fileNull ? Self.returns : handler(for: .fileNull) }
        return Self.fatal
    }

    public func userHandler(_ handle: Int32) -> User? { user[handle] }

    public mutating func create(_ kind: Kind, function: UInt32) -> Int32 {
        let handle = freeHandles.popLast() ?? {
            defer { nextSlot += 1 }
            return HandleTable.created(slot: nextSlot, generation: 0, tag: Int32(GuestHandleKind.errhandler.rawValue))
        }()
        user[handle] = User(kind: kind, function: function, references: 1)
        return handle
    }

    /// Attaches `handler` to `object`.
    ///
    /// - Throws: MPI_ERR_ARG for an unknown handler or one created for another kind of object.
    public mutating func set(_ handler: Int32, on object: ErrorObject) throws(TranslationError) {
        if let created = user[handler] {
            guard created.kind == object.kind else {
                throw TranslationError(GuestErrorClass.arg, "error handler 0x\(String(handler, radix: 16)) was created for \(created.kind.rawValue), not \(object.kind.rawValue)")
            }
            user[handler]?.references += 1
        } else if ![Self.fatal, Self.abort, Self.returns].contains(handler) {
            throw TranslationError(GuestErrorClass.arg, "0x\(String(handler, radix: 16)) is not an error handler")
        }
        detach(object)
        attached[object] = handler
    }

    /// The handler of `object`, as MPI_*_get_errhandler returns it (a new reference).
    public mutating func get(_ object: ErrorObject) -> Int32 {
        let handler = handler(for: object)
        user[handler]?.references += 1
        return handler
    }

    /// MPI_Errhandler_free: the handle goes; the handler stays while objects use it.
    public mutating func free(_ handler: Int32) throws(TranslationError) {
        if [Self.fatal, Self.abort, Self.returns].contains(handler) { return }
        guard user[handler] != nil else { throw TranslationError(GuestErrorClass.arg, "0x\(String(handler, radix: 16)) is not an error handler") }
        release(handler)
    }

    /// A new object gets its parent's handler (MPI_Comm_dup, split, create, ...); predefined
    /// and null handles are never new.
    public mutating func inherit(from parent: ErrorObject, to child: ErrorObject) {
        guard child.handle >= 0x1000, child != parent, let handler = attached[parent] else { return }
        detach(child)
        user[handler]?.references += 1
        attached[child] = handler
    }

    /// The object was freed: its handle may come back for another object.
    public mutating func detach(_ object: ErrorObject) {
        guard let old = attached.removeValue(forKey: object) else { return }
        release(old)
    }

    private mutating func release(_ handler: Int32) {
        guard var created = user[handler] else { return }
        created.references -= 1
        if created.references > 0 {
            user[handler] = created
        } else {
            user[handler] = nil
            freeHandles.append(handler)
        }
    }
}
