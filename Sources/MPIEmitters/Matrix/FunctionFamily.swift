/// The family an MPI function belongs to, for the matrix's per-family table and programs.
public enum FunctionFamily: String, CaseIterable, Sendable, Codable {
    case pointToPoint = "point-to-point"
    case collectives
    case communicators = "communicators and groups"
    case topologies
    case datatypes
    case oneSided = "one-sided"
    case io = "I/O"
    case tools
    case environment

    /// A short name for file names.
    public var slug: String {
        switch self {
        case .pointToPoint: return "p2p"
        case .collectives: return "collectives"
        case .communicators: return "communicators"
        case .topologies: return "topologies"
        case .datatypes: return "datatypes"
        case .oneSided: return "rma"
        case .io: return "io"
        case .tools: return "tools"
        case .environment: return "environment"
        }
    }

    static let collectiveStems: Set<String> = [
        "Barrier", "Bcast", "Gather", "Gatherv", "Scatter", "Scatterv", "Allgather", "Allgatherv",
        "Alltoall", "Alltoallv", "Alltoallw", "Reduce", "Allreduce", "Reduce_local", "Reduce_scatter",
        "Reduce_scatter_block", "Scan", "Exscan", "Neighbor_allgather", "Neighbor_allgatherv",
        "Neighbor_alltoall", "Neighbor_alltoallv", "Neighbor_alltoallw", "Op_create", "Op_free", "Op_commutative",
    ]
    static let oneSidedNames: Set<String> = [
        "Put", "Get", "Accumulate", "Get_accumulate", "Fetch_and_op", "Compare_and_swap", "Rput", "Rget",
        "Raccumulate", "Rget_accumulate", "Alloc_mem", "Free_mem",
    ]
    static let pointToPointPrefixes = [
        "Send", "Recv", "Bsend", "Ssend", "Rsend", "Isend", "Ibsend", "Issend", "Irsend", "Irecv", "Start", "Probe",
        "Iprobe", "Mprobe", "Improbe", "Mrecv", "Imrecv", "Sendrecv", "Buffer_", "Wait", "Test", "Cancel",
        "Request_", "Get_count", "Get_elements", "Status_", "Grequest_",
    ]

    public init(function name: String) {
        let stem = name.hasPrefix("MPI_") ? String(name.dropFirst(4)) : name
        let unprefixed = stem.dropFirst().prefix(1).uppercased() + stem.dropFirst(2)
        let blocking = stem.hasPrefix("I") && Self.collectiveStems.contains(unprefixed) ? unprefixed : stem
        if stem.hasPrefix("T_") { self = .tools }
        else if stem.hasPrefix("File_") || stem == "Register_datarep" { self = .io }
        else if stem.hasPrefix("Win_") || Self.oneSidedNames.contains(stem) { self = .oneSided }
        else if Self.collectiveStems.contains(blocking) || stem == "Ibarrier" { self = .collectives }
        else if stem.hasPrefix("Type_") || stem.hasPrefix("Pack") || stem.hasPrefix("Unpack") { self = .datatypes }
        else if ["Cart", "Graph", "Dist_graph", "Dims_create", "Topo_test"].contains(where: stem.hasPrefix) { self = .topologies }
        else if ["Comm_", "Group_", "Intercomm_", "Attr_", "Keyval_"].contains(where: stem.hasPrefix) { self = .communicators }
        else if Self.pointToPointPrefixes.contains(where: stem.hasPrefix) { self = .pointToPoint }
        else { self = .environment }
    }
}
