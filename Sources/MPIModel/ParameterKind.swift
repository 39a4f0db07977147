/// What a parameter means to the bindings: how to validate and translate it.
///
/// Written as a `SpecTerm` in the annotation table and in the model dump, e.g.
/// `buffer(read, typed(count, datatype))`, `array(in, comm_size(comm), root(root))`,
/// `handle(inout)`, `string_out(MPI_MAX_OBJECT_NAME)`.
public indirect enum ParameterKind: Hashable, Sendable, CustomStringConvertible {
    /// Passed by value: `int`, `MPI_Aint`, `MPI_Offset`, `double`, ...
    case scalar
    /// A pointer to one scalar the call reads and/or writes (`int *flag`, `MPI_Aint *extent`).
    case scalarRef(Direction)
    /// A handle by value (`in`) or through a pointer (`out`, `inout`).
    case handle(Direction)
    /// A communication buffer: its extent comes from a count and a datatype (or bytes).
    case buffer(Access, BufferLayout, Significance)
    /// An array of scalars or handles with a known length.
    case array(Direction, LengthExpr, Significance)
    /// One `MPI_Status`; `out` may be `MPI_STATUS_IGNORE`.
    case status(Direction)
    /// An array of statuses (may be `MPI_STATUSES_IGNORE`).
    case statuses(LengthExpr)
    /// A NUL-terminated string the call reads.
    case stringIn
    /// A character buffer the call writes, of the given capacity (including the NUL).
    case stringOut(LengthExpr)
    /// A NULL-terminated `char *argv[]` (may be `MPI_ARGV_NULL`).
    case argv
    /// `char **array_of_argv[]` of spawn_multiple: `n` argv vectors (may be `MPI_ARGVS_NULL`).
    case argvs(LengthExpr)
    /// An array of `n` strings (`char *array_of_commands[]`).
    case stringArray(LengthExpr)
    /// A pointer to a guest function of the parameter's callback type (or a predefined sentinel).
    case callback
    /// A pointer-sized guest value the host stores and hands back (`extra_state`, attribute values).
    case opaque
    /// A `void *` that is really `void **`: the host writes one pointer-sized value
    /// (`MPI_Comm_get_attr`'s attribute_val, `MPI_Alloc_mem`'s baseptr).
    case pointerOut
    /// Only the address is used, nothing is read or written (`MPI_Get_address`'s location).
    case address
    /// The guest's `argc`/`argv` of `MPI_Init`: the host initialises with its own.
    case initArguments

    public enum Direction: String, Hashable, Sendable, CaseIterable {
        case `in`, out, `inout`
    }

    public enum Access: String, Hashable, Sendable, CaseIterable {
        case read, write, readwrite
    }

    /// Where the argument is significant: everywhere, or only at the root of a rooted collective.
    public enum Significance: Hashable, Sendable {
        case all
        case root(String)
        /// Significant everywhere except at the root (the send side of MPI_Scatter-like calls is
        /// the opposite; this is for `sendbuf` of MPI_Gather at non-roots on intercommunicators).
        case nonRoot(String)
    }

    public var description: String { term.description }

    public var term: SpecTerm {
        switch self {
        case .scalar: return .word("scalar")
        case .scalarRef(let d): return .call("scalar", [.word(d.rawValue)])
        case .handle(let d): return .call("handle", [.word(d.rawValue)])
        case .buffer(let access, let layout, let significance):
            return .call("buffer", [.word(access.rawValue), layout.term] + significance.terms)
        case .array(let d, let length, let significance):
            return .call("array", [.word(d.rawValue), length.term] + significance.terms)
        case .status(let d): return .call("status", [.word(d.rawValue)])
        case .statuses(let length): return .call("statuses", [length.term])
        case .stringIn: return .word("string_in")
        case .stringOut(let capacity): return .call("string_out", [capacity.term])
        case .argv: return .word("argv")
        case .argvs(let n): return .call("argvs", [n.term])
        case .stringArray(let n): return .call("string_array", [n.term])
        case .callback: return .word("callback")
        case .opaque: return .word("opaque")
        case .pointerOut: return .word("pointer_out")
        case .address: return .word("address")
        case .initArguments: return .word("init_arguments")
        }
    }

    public init(parsing text: String) throws { try self.init(SpecTerm.parse(text)) }

    public init(_ term: SpecTerm) throws {
        switch term {
        case .word("scalar"): self = .scalar
        case .word("string_in"): self = .stringIn
        case .word("argv"): self = .argv
        case .word("callback"): self = .callback
        case .word("opaque"): self = .opaque
        case .word("pointer_out"): self = .pointerOut
        case .word("address"): self = .address
        case .word("init_arguments"): self = .initArguments
        case .call("scalar", let args): self = .scalarRef(try Self.direction(args, 1, "scalar"))
        case .call("handle", let args): self = .handle(try Self.direction(args, 1, "handle"))
        case .call("status", let args): self = .status(try Self.direction(args, 1, "status"))
        case .call("statuses", let args) where args.count == 1: self = .statuses(try LengthExpr(args[0]))
        case .call("string_out", let args) where args.count == 1: self = .stringOut(try LengthExpr(args[0]))
        case .call("argvs", let args) where args.count == 1: self = .argvs(try LengthExpr(args[0]))
        case .call("string_array", let args) where args.count == 1: self = .stringArray(try LengthExpr(args[0]))
        case .call("buffer", let args) where (2...3).contains(args.count):
            guard case .word(let a) = args[0], let access = Access(rawValue: a) else {
                throw SpecError("buffer access must be read, write or readwrite in \(term)")
            }
            self = .buffer(access, try BufferLayout(args[1]), try Significance(args.dropFirst(2).first))
        case .call("array", let args) where (2...3).contains(args.count):
            self = .array(
                try Self.direction(Array(args.prefix(1)), 1, "array"), try LengthExpr(args[1]),
                try Significance(args.dropFirst(2).first))
        default:
            throw SpecError("unknown parameter kind '\(term)'")
        }
    }

    private static func direction(_ args: [SpecTerm], _ count: Int, _ what: String) throws -> Direction {
        guard args.count == count, case .word(let w) = args[0], let d = Direction(rawValue: w) else {
            throw SpecError("\(what)(...) takes one of in, out, inout")
        }
        return d
    }
}

extension ParameterKind.Significance {
    var terms: [SpecTerm] {
        switch self {
        case .all: return []
        case .root(let p): return [.call("root", [.word(p)])]
        case .nonRoot(let p): return [.call("non_root", [.word(p)])]
        }
    }

    init(_ term: SpecTerm?) throws {
        switch term {
        case nil: self = .all
        case .call("root", let args)? where args.count == 1:
            guard case .word(let p) = args[0] else { throw SpecError("root(...) takes a parameter name") }
            self = .root(p)
        case .call("non_root", let args)? where args.count == 1:
            guard case .word(let p) = args[0] else { throw SpecError("non_root(...) takes a parameter name") }
            self = .nonRoot(p)
        case let other?:
            throw SpecError("expected root(param) or non_root(param), got \(other)")
        }
    }
}

/// How much memory a buffer argument spans.
public indirect enum BufferLayout: Hashable, Sendable, CustomStringConvertible {
    /// `count` elements of `datatype`: the span is true_lb .. (count-1)*extent + true_extent.
    case typed(count: LengthExpr, datatype: String)
    /// Per-rank blocks: `counts[i]` elements of `datatype` at displacement `displs[i]` (in extents),
    /// for i < `ranks`; without displacements the blocks follow each other.
    case perRank(counts: String, displacements: String?, datatype: String, ranks: LengthExpr)
    /// `MPI_Alltoallw`: per-rank counts, byte displacements and datatypes.
    case perRankTypes(counts: String, displacements: String, datatypes: String, ranks: LengthExpr)
    /// A plain byte range.
    case bytes(LengthExpr)

    public var description: String { term.description }

    public var term: SpecTerm {
        switch self {
        case .typed(let count, let datatype): return .call("typed", [count.term, .word(datatype)])
        case .perRank(let counts, let displs, let datatype, let ranks):
            return .call("v", [.word(counts), .word(displs ?? "none"), .word(datatype), ranks.term])
        case .perRankTypes(let counts, let displs, let datatypes, let ranks):
            return .call("w", [.word(counts), .word(displs), .word(datatypes), ranks.term])
        case .bytes(let n): return .call("bytes", [n.term])
        }
    }

    public init(_ term: SpecTerm) throws {
        switch term {
        case .call("typed", let a) where a.count == 2:
            self = .typed(count: try LengthExpr(a[0]), datatype: try Self.word(a[1]))
        case .call("v", let a) where a.count == 4:
            let displs = try Self.word(a[1])
            self = .perRank(
                counts: try Self.word(a[0]), displacements: displs == "none" ? nil : displs,
                datatype: try Self.word(a[2]), ranks: try LengthExpr(a[3]))
        case .call("w", let a) where a.count == 4:
            self = .perRankTypes(
                counts: try Self.word(a[0]), displacements: try Self.word(a[1]),
                datatypes: try Self.word(a[2]), ranks: try LengthExpr(a[3]))
        case .call("bytes", let a) where a.count == 1:
            self = .bytes(try LengthExpr(a[0]))
        default:
            throw SpecError("unknown buffer layout '\(term)'")
        }
    }

    private static func word(_ term: SpecTerm) throws -> String {
        guard case .word(let w) = term else { throw SpecError("expected a parameter name, got \(term)") }
        return w
    }

    /// Parameter names the layout reads.
    public var parameterNames: [String] {
        switch self {
        case .typed(let count, let datatype): return count.parameterNames + [datatype]
        case .perRank(let counts, let displs, let datatype, let ranks):
            return [counts] + (displs.map { [$0] } ?? []) + [datatype] + ranks.parameterNames
        case .perRankTypes(let counts, let displs, let datatypes, let ranks):
            return [counts, displs, datatypes] + ranks.parameterNames
        case .bytes(let n): return n.parameterNames
        }
    }
}

extension ParameterKind: Codable {
    public init(from decoder: Decoder) throws {
        try self.init(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ParameterKind {
    /// Parameter names the kind refers to (counts, datatypes, communicators, roots).
    public var parameterNames: [String] {
        switch self {
        case .buffer(_, let layout, let significance): return layout.parameterNames + significance.parameterNames
        case .array(_, let length, let significance): return length.parameterNames + significance.parameterNames
        case .statuses(let n), .stringOut(let n), .argvs(let n), .stringArray(let n): return n.parameterNames
        default: return []
        }
    }
}

extension ParameterKind.Significance {
    var parameterNames: [String] {
        switch self {
        case .all: return []
        case .root(let p), .nonRoot(let p): return [p]
        }
    }
}

extension ParameterKind {
    /// The same kind with parameter names replaced (standard names to a host's names).
    public func renamed(_ names: [String: String]) -> ParameterKind {
        guard !names.isEmpty else { return self }
        switch self {
        case .buffer(let access, let layout, let significance):
            return .buffer(access, layout.renamed(names), significance.renamed(names))
        case .array(let direction, let length, let significance):
            return .array(direction, length.renamed(names), significance.renamed(names))
        case .statuses(let n): return .statuses(n.renamed(names))
        case .stringOut(let n): return .stringOut(n.renamed(names))
        case .argvs(let n): return .argvs(n.renamed(names))
        case .stringArray(let n): return .stringArray(n.renamed(names))
        default: return self
        }
    }
}

extension ParameterKind.Significance {
    func renamed(_ names: [String: String]) -> Self {
        switch self {
        case .all: return .all
        case .root(let p): return .root(names[p] ?? p)
        case .nonRoot(let p): return .nonRoot(names[p] ?? p)
        }
    }
}

extension BufferLayout {
    func renamed(_ names: [String: String]) -> BufferLayout {
        let r = { (name: String) in names[name] ?? name }
        switch self {
        case .typed(let count, let datatype): return .typed(count: count.renamed(names), datatype: r(datatype))
        case .perRank(let counts, let displs, let datatype, let ranks):
            return .perRank(counts: r(counts), displacements: displs.map(r), datatype: r(datatype), ranks: ranks.renamed(names))
        case .perRankTypes(let counts, let displs, let datatypes, let ranks):
            return .perRankTypes(counts: r(counts), displacements: r(displs), datatypes: r(datatypes), ranks: ranks.renamed(names))
        case .bytes(let n): return .bytes(n.renamed(names))
        }
    }
}

extension LengthExpr {
    func renamed(_ names: [String: String]) -> LengthExpr {
        switch self {
        case .parameter(let p): return .parameter(names[p] ?? p)
        case .pointee(let p): return .pointee(names[p] ?? p)
        case .literal, .constant: return self
        case .function(let name, let args): return .function(name, args.map { $0.renamed(names) })
        }
    }
}
