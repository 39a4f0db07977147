/// How many elements an array (or a buffer) holds, as the runtime computes it at the call.
///
/// The header cannot say this (`int recvcounts[]`); the classifier derives it from names
/// or takes it from the annotation table. Written as a `SpecTerm`:
/// `count`, `16`, `MPI_MAX_OBJECT_NAME`, `comm_size(comm)`, `sum(recvcounts, comm_size(comm))`.
public indirect enum LengthExpr: Hashable, Sendable, CustomStringConvertible {
    /// The value of an integer parameter of the same call.
    case parameter(String)
    /// The value an in-out integer pointer parameter holds when the call is made (`*name_len`).
    case pointee(String)
    case literal(Int)
    /// A standard constant at its guest-ABI value (`MPI_MAX_PROCESSOR_NAME`).
    case constant(String)
    /// A property of a handle or a derived quantity, by name: see `LengthExpr.functions`.
    case function(String, [LengthExpr])

    /// The functions the runtime knows how to compute, with their arities.
    public static let functions: [String: Int] = [
        "comm_size": 1,      // size of the communicator's (local) group
        "remote_size": 1,    // remote group size for an intercommunicator, else the group size
        "comm_rank": 1,      // the caller's rank
        "group_size": 1,
        "cart_ndims": 1,     // MPI_Cartdim_get
        "indegree": 1,       // neighbourhood in-degree of a cartesian, graph or dist-graph communicator
        "outdegree": 1,
        "graph_neighbors": 2, // MPI_Graph_neighbors_count(comm, rank)
        "sum": 2,            // sum of the first n elements of an int array parameter
        "at": 2,             // element i of an int array parameter
        "product": 2,        // product of the first n elements of an int array parameter
        "last": 2,           // element n-1 of an int array parameter, 0 when n is 0
        "mul": 2,
        "add": 2,
        "max": 2,
        "strlen": 1,         // length of a guest string parameter
    ]

    public var description: String { term.description }

    public var term: SpecTerm {
        switch self {
        case .parameter(let name), .constant(let name): return .word(name)
        case .pointee(let name): return .word("*" + name)
        case .literal(let n): return .number(n)
        case .function(let name, let args): return .call(name, args.map(\.term))
        }
    }

    public init(_ term: SpecTerm) throws {
        switch term {
        case .number(let n): self = .literal(n)
        case .word(let w) where w.hasPrefix("*"): self = .pointee(String(w.dropFirst()))
        case .word(let w) where w.hasPrefix("MPI_"): self = .constant(w)
        case .word(let w): self = .parameter(w)
        case .call(let name, let args):
            guard let arity = LengthExpr.functions[name] else { throw SpecError("unknown length function '\(name)'") }
            guard arity == args.count else { throw SpecError("\(name) takes \(arity) arguments, got \(args.count)") }
            self = .function(name, try args.map(LengthExpr.init))
        }
    }

    public init(parsing text: String) throws { try self.init(SpecTerm.parse(text)) }

    /// Every parameter name the expression reads.
    public var parameterNames: [String] {
        switch self {
        case .parameter(let name), .pointee(let name): return [name]
        case .literal, .constant: return []
        case .function(_, let args): return args.flatMap(\.parameterNames)
        }
    }
}
