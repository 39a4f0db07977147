import MPIModel

/// One function's binding: argument translation before the call, results after it.
struct FunctionRenderer {
    let function: MPIFunction
    let api: MPIAPI
    let abi: [ABIConstant]
    var pre: [String] = []
    var post: [String] = []
    var arguments: [String] = []
    /// Host arrays a started request still reads (see `temporary`).
    var temporaries: [String] = []
    /// The call made instead of the host function of the same name, if any.
    var hostCall: String?

    init(function: MPIFunction, api: MPIAPI, abi: [ABIConstant]) {
        self.function = function
        self.api = api
        self.abi = abi
    }

    var name: String { function.name }
    /// The name without the large-count suffix (`MPI_Pack_c` -> `MPI_Pack`).
    var countlessName: String { name.hasSuffix("_c") ? String(name.dropLast(2)) : name }
    /// Whether the call takes MPI_IN_PLACE for a buffer: collectives but the neighbourhood ones
    /// and MPI_Reduce_local (MPI gives them none). Elsewhere guest address 1 is only an address.
    var acceptsInPlace: Bool {
        FunctionFamily(function: name) == .collectives && !name.contains("Neighbor_") && !countlessName.hasPrefix("MPI_Reduce_local")
    }

    func render() throws(Unsupported) -> String {
        if SwiftBindingsEmitter.sessionErrorHandlers.contains(name) { throw Unsupported("session error handlers are not emulated yet") }
        if function.isVariadic { throw Unsupported("variadic") }
        var renderer = self
        try renderer.plan()
        return renderer.text()
    }

    // MARK: Planning

    mutating func plan() throws(Unsupported) {
        arguments = Array(repeating: "", count: function.parameters.count)
        if name == "MPI_Finalize" { pre.append("rt.completeBeforeFinalize()") }
        // Handles first: buffers and lengths refer to the host datatype and communicator.
        for (index, parameter) in function.parameters.enumerated() where parameter.kind == .handle(.in) {
            try planHandleIn(index, parameter)
        }
        let isArray: (Parameter) -> Bool = { if case .array? = $0.kind { return true } else { return false } }
        for (index, parameter) in function.parameters.enumerated() where isArray(parameter) {
            try planParameter(index, parameter)
        }
        for (index, parameter) in function.parameters.enumerated() where parameter.kind != .handle(.in) && !isArray(parameter) {
            try planParameter(index, parameter)
        }
        try planPacking()
        planFileGuards()
        planTopologyGuards()
        planToolGuards()
        planDatatypeGuards()
        planWindowGuards()
        planReductionGuards()
        planSingleRankAlltoallw()
    }

    /// MPI_Alltoallw on a communicator of one rank: its byte displacements move into the buffer
    /// addresses (`singleRankAlltoallw`: Open MPI 4.1's coll/self scales them by the extent, as
    /// if they counted elements, and reads and writes outside the checked blocks, natively too).
    mutating func planSingleRankAlltoallw() {
        guard name == "MPI_Alltoallw", let s = index(of: "sendbuf"), let sd = index(of: "sdispls"),
              let r = index(of: "recvbuf"), let rd = index(of: "rdispls"), let c = index(of: "comm") else { return }
        pre.append("let (w\(s), w\(r)) = rt.singleRankAlltoallw(\(arguments[s]), \(arguments[sd]), \(arguments[r]), \(arguments[rd]), comm: h\(c))")
        arguments[s] = "w\(s)"
        arguments[r] = "w\(r)"
    }

    /// Collective reductions of a datatype of negative extent (Open MPI 4.1 frees an invalid
    /// pointer, natively too), and of one of size 0, whose elements are passed as none (Open MPI
    /// 4.1 crashes copying a duplicate of such a type, natively too): both checked by
    /// `reductionCount` or `emptyReductionCounts`, else by `requireNonnegativeExtent`.
    mutating func planReductionGuards() {
        var base = countlessName
        if base.hasSuffix("_init") { base = String(base.dropLast(5)) }
        if base.hasPrefix("MPI_I"), let first = base.dropFirst(5).first { base = "MPI_" + first.uppercased() + base.dropFirst(6) }
        let reductions = ["MPI_Reduce", "MPI_Allreduce", "MPI_Reduce_scatter", "MPI_Reduce_scatter_block", "MPI_Scan", "MPI_Exscan"]
        guard reductions.contains(base), index(of: "op") != nil, let d = index(of: "datatype") else { return }
        if let c = index(of: "count") ?? index(of: "recvcount") {
            pre.append("let c\(c) = try rt.reductionCount(\(arguments[c]), datatype: h\(d))")
            arguments[c] = "c\(c)"
        } else if let c = index(of: "recvcounts") {
            pre.append("try rt.emptyReductionCounts(\(arguments[c]), n\(c), datatype: h\(d))")
        } else {
            pre.append("try rt.requireNonnegativeExtent(h\(d))")
        }
    }

    /// Datatype constructors: the host's description of the new type stays within a bound the
    /// runtime keeps per datatype (`datatypeBlocks`: Open MPI 4.1 allocates gigabytes for, or
    /// crashes on, an indexed type of indexed types, natively too).
    mutating func planDatatypeGuards() {
        let base = countlessName
        guard base.hasPrefix("MPI_Type_"), let out = index(of: "newtype") else { return }
        let old = (index(of: "oldtype") ?? index(of: "type")).map { "frame.i32(\($0))" }
        let count = try? integer(0)
        let bound: String
        switch base {
        case "MPI_Type_indexed", "MPI_Type_hindexed", "MPI_Type_create_hindexed", "MPI_Type_create_indexed_block", "MPI_Type_create_hindexed_block":
            guard let old, let count else { return }
            bound = "rt.datatypeBlocks(repeating: \(count), of: \(old))"
        case "MPI_Type_struct", "MPI_Type_create_struct":
            bound = "rt.datatypeBlocks(structOf: g3)"  // the types, by position (hosts name them differently)
        case "MPI_Type_contiguous", "MPI_Type_vector", "MPI_Type_hvector", "MPI_Type_create_hvector", "MPI_Type_dup", "MPI_Type_create_resized":
            guard let old else { return }
            bound = "rt.datatypeBlocks(wrapping: \(old), levels: 1)"
        case "MPI_Type_create_subarray", "MPI_Type_create_darray":
            guard let old, let dimensions = index(of: "ndims"), let levels = try? integer(dimensions) else { return }
            bound = "rt.datatypeBlocks(wrapping: \(old), levels: \(levels))"
        default:
            return
        }
        pre.append("let blocks = try \(bound)")
        post.append("if rc == MPI_SUCCESS { rt.createdDatatype(n\(out), blocks: blocks) }")
    }

    /// The tools interface: the runtime keeps the guest's initialization count (it holds the
    /// host's interface open itself: `toolsInitialized` in MPITranslation), checked first.
    mutating func planToolGuards() {
        guard name.hasPrefix("MPI_T_") else { return }
        if name == "MPI_T_init_thread" {
            post.append("if rc == MPI_SUCCESS { rt.toolsInitialized() }")
            return
        }
        pre.insert("try rt.requireToolsInitialized()", at: 0)
        if name == "MPI_T_finalize" { post.append("if rc == MPI_SUCCESS { rt.toolsFinalized() }") }
        // A performance variable handle must be one of the session's (`requirePvarHandle`).
        if name.hasPrefix("MPI_T_pvar_"), let s = index(of: "session"), let h = index(of: "handle") {
            let handle = function.parameters[h].kind == .handle(.in) ? "frame.i32(\(h))" : "g\(h)"
            pre.append("try rt.requirePvarHandle(\(handle), in: frame.i32(\(s)))")
        }
    }

    /// Packing, after every argument's own check. The position lies inside 0...size
    /// (`requirePosition`: a position past the size made MPICH 4.0 read beyond the checked
    /// buffer); external packing of a datatype of size 0 is answered by the runtime
    /// (`packsNothing`: MPICH 4.0 crashes on it), the size 0 and the position unchanged; the
    /// data must fit between the position and the buffer's size (`requirePackedRoom`: MPICH
    /// 4.0 packs past the size and asserts unpacking past it).
    mutating func planPacking() throws(Unsupported) {
        let position = index(of: "position"), size = index(of: "outsize") ?? index(of: "insize")
        if let p = position, let s = size, case .pointer(.scalar(let positionType), _) = function.parameters[p].type {
            pre.append("try rt.requirePosition(guest, frame.u32(\(p)), width: \(try guestWidth(positionType)), within: \(try integer(s)))")
        }
        let base = countlessName
        guard ["MPI_Pack_external", "MPI_Unpack_external", "MPI_Pack_external_size", "MPI_Unpack"].contains(base),
              let d = index(of: "datatype") else { return }
        if base != "MPI_Unpack" {
            var answer = ""
            if base == "MPI_Pack_external_size", let s = index(of: "size"), case .pointer(.scalar(let type), _) = function.parameters[s].type {
                let width = try guestWidth(type)
                answer = "p\(s).storeBytes(of: Int\(width * 8)(0), as: Int\(width * 8).self); "
            }
            pre.append("if rt.packsNothing(h\(d)) { \(answer)frame.setI32(0, 0); return }")
        }
        if let p = position, let s = size, let c = index(of: "incount") ?? index(of: "outcount") {
            let datarep = base.hasSuffix("_external") ? "c0" : "nil"
            pre.append("try rt.requirePackedRoom(\(datarep), count: \(try integer(c)), datatype: h\(d), position: Int64(t\(p)), size: \(try integer(s)))")
        }
    }

    /// Topologies: the ranks of a distributed graph lie in its communicator, and MPI_Dims_create
    /// gets a positive number of nodes (`requireGraphRanks`, `requireNodes`: MPICH 4.0 asserts,
    /// hangs or divides by zero otherwise).
    mutating func planTopologyGuards() {
        // By position: hosts name them differently (Open MPI's `nodes` and `targets`).
        let graphRanks = ["MPI_Dist_graph_create": [2, 4], "MPI_Dist_graph_create_adjacent": [2, 5]]
        for i in graphRanks[name] ?? [] { pre.append("try rt.requireGraphRanks(t\(i), count: n\(i), comm: h0)") }
        if name == "MPI_Graph_create" { pre.append("try rt.requireGraph(index: t2, nodes: n2, edges: t3, count: n3, comm: h0)") }
        if name == "MPI_Dims_create", let n = index(of: "nnodes") { pre.append("try rt.requireNodes(frame.i32(\(n)))") }
    }

    /// One-sided: MPI_Win_flush to MPI_PROC_NULL completes nothing and succeeds, as
    /// MPI_Win_flush_local does (Open MPI 4.1's pt2pt component indexes its per-rank counters
    /// with it inside a passive epoch and corrupts the heap, natively too).
    mutating func planWindowGuards() {
        guard name == "MPI_Win_flush", let r = index(of: "rank") else { return }
        pre.append("if rt.domains.toHost(Int64(frame.i32(\(r))), .rank) == Int64(MPI_PROC_NULL) { frame.setI32(0, 0); return }")
    }

    /// A scalar integer argument as an Int64 expression.
    func integer(_ i: Int) throws(Unsupported) -> String {
        guard case .scalar(let type) = function.parameters[i].type else { throw Unsupported("\(function.parameters[i].name) is not a scalar") }
        return try guestWidth(type) == 8 ? "frame.i64(\(i))" : "Int64(frame.i32(\(i)))"
    }

    /// MPI-IO: what Open MPI 4.1 crashes on (natively too), refused or avoided.
    mutating func planFileGuards() {
        guard name.hasPrefix("MPI_File_") else { return }
        let operation = name.dropFirst("MPI_File_".count)
        // Split collectives: an `_end` without its `_begin` (it waits on a request it never
        // made); the runtime keeps which one each file has open.
        if let f = index(of: "fh"), name.hasSuffix("_begin") || name.hasSuffix("_end") {
            let split = operation.split(separator: "_").dropLast().joined(separator: "_")
            if name.hasSuffix("_begin") {
                pre.append("try rt.requireNoSplitCollective(frame.i32(\(f)))")
                post.append("if rc == MPI_SUCCESS { rt.splitCollectiveBegan(frame.i32(\(f)), \"\(split)\") }")
            } else {
                pre.append("try rt.endSplitCollective(frame.i32(\(f)), \"\(split)\")")
            }
        }
        // A nonblocking operation completing after MPI_File_close follows the freed file: the
        // runtime counts them and refuses the close.
        if operation.hasPrefix("i"), let f = index(of: "fh"), let r = requestIndex {
            post.append("if rc == MPI_SUCCESS { rt.fileRequest(n\(r), file: frame.i32(\(f))) }")
        }
        if name == "MPI_File_close" { pre.append("try rt.requireNoPendingFileRequests(g0)") }
        // Data accesses divide by the size of the datatype: elements of one of size 0 crash it,
        // zero elements move the same nothing.
        if operation.contains("read") || operation.contains("write"),
           let c = index(of: "count"), let d = index(of: "datatype"), function.parameters[d].kind == .handle(.in) {
            arguments[c] = "rt.fileAccessCount(\(arguments[c]), datatype: h\(d))"
        }
        // Explicit offsets: a nonblocking access at a negative one completes with an error, then
        // crashes invoking the file's error handler.
        if operation.contains("_at"), let o = index(of: "offset") {
            pre.append("try rt.requireFileOffset(frame.i64(\(o)))")
        }
        planNonblockingReads(operation)
        planSplitReads(operation)
    }

    /// Nonblocking reads that reach the end of the file (`rt.readReachesEnd`) are made at once,
    /// as the blocking independent read, and return a request already complete (`readNow`):
    /// Open MPI 4.1 never completed them, natively too. Through the shared file pointer always.
    mutating func planNonblockingReads(_ operation: Substring) {
        let blocking = ["iread": "read", "iread_at": "read_at", "iread_shared": "read_shared", "iread_all": "read", "iread_at_all": "read_at"]
        let large = name.hasSuffix("_c") ? "_c" : ""
        guard let read = blocking[String(operation.dropLast(large.count))], let r = requestIndex,
              let f = index(of: "fh"), let c = index(of: "count"), let d = index(of: "datatype") else { return }
        // The count (`fileAccessCount` asks the host for the type's size) is used by the check and
        // by whichever read is made: computed once.
        pre.append("let k\(c) = \(arguments[c])")
        arguments[c] = "k\(c)"
        let now = "rt.readNow(&o\(r)) { MPI_File_\(read)\(large)(\(arguments.prefix(r).joined(separator: ", ")), $0) }"
        if read == "read_shared" { hostCall = now; return }
        let offset = index(of: "offset").map { arguments[$0] } ?? "nil"
        let collective = operation.hasSuffix("_all") ? ", collective: true" : ""
        let reaches = "rt.readReachesEnd(h\(f), at: \(offset), count: Int64(\(arguments[c])), datatype: h\(d)\(collective))"
        hostCall = "\(reaches) ? \(now) : \(name)(\(arguments.joined(separator: ", ")))"
    }

    /// Split collective reads are the blocking read, made by `_begin` (as MPI allows): Open MPI
    /// 4.1's `_end` waited forever for a read that reached the end of the file, natively too.
    /// `_end` gives the status `_begin` kept.
    mutating func planSplitReads(_ operation: Substring) {
        guard operation.hasPrefix("read"), let f = index(of: "fh") else { return }
        let split = operation.split(separator: "_").dropLast().joined(separator: "_")
        if name.hasSuffix("_begin") {
            hostCall = "MPI_File_\(split)(\(arguments.joined(separator: ", ")), rt.splitReadStatus(frame.i32(\(f))))"
        } else if name.hasSuffix("_end"), let s = index(of: "status") {
            hostCall = "rt.endSplitRead(frame.i32(\(f)), status: \(arguments[s]))"
        }
    }

    mutating func planParameter(_ i: Int, _ parameter: Parameter) throws(Unsupported) {
        guard let kind = parameter.kind else { throw Unsupported("unclassified \(parameter.name)") }
        switch kind {
        case .scalar where parameter.name == "target_disp":
            // Checked to lie inside the target's window; dynamic windows take absolute
            // addresses: the target's base plus the guest address.
            guard let w = windowIndex, let r = index(of: "target_rank"), let d = index(of: "target_datatype") ?? index(of: "datatype") else {
                throw Unsupported("target_disp without a window, target rank and datatype")
            }
            // Open MPI 4.1's header names MPI_Rput's `target_cout`.
            let c = index(of: "target_count") ?? index(of: "target_cout")
            let count = try c.map { c throws(Unsupported) in try integer(c) } ?? "1"
            pre.append("let t\(i) = try rt.targetDisplacement(frame.i32(\(w)), rank: frame.i32(\(r)), frame.i32(\(i)), count: \(count), datatype: h\(d))")
            arguments[i] = "MPI_Aint(t\(i))"
        case .scalar:
            if parameter.domain == .errorCode || parameter.domain == .errorClass { pre.append("try rt.requireErrorCode(frame.i32(\(i)))") }
            if name.hasPrefix("MPI_T_"), parameter.name.hasSuffix("index") {
                let family = ["MPI_T_pvar": ".performance", "MPI_T_cvar": ".control", "MPI_T_category": ".category"]
                    .first { name.hasPrefix($0.key + "_") }?.value ?? "nil"
                pre.append("try rt.requireToolIndex(frame.i32(\(i)), of: \(family))")
            }
            arguments[i] = try scalarArgument(i, parameter)
        case .scalarRef(let direction):
            try planScalarRef(i, parameter, direction)
        case .handle(.out), .handle(.inout):
            try planHandleOut(i, parameter, kind == .handle(.inout))
        case .buffer(_, let layout, let significance):
            try planBuffer(i, layout, significance)
        case .status(let direction):
            pre.append("let s\(i) = rt.statuses.acquire().assumingMemoryBound(to: MPI_Status.self)")
            pre.append("defer { rt.statuses.release() }")
            if direction == .in {
                pre.append("rt.loadStatus(from: try rt.bytes(guest, frame.u32(\(i)), 32), to: s\(i))")
                arguments[i] = "s\(i)"
            } else if direction == .inout {
                // A status the call changes (MPI_Status_set_*): a real one, never MPI_STATUS_IGNORE.
                pre.append("let sp\(i) = try rt.bytes(guest, rt.nonNull(frame.u32(\(i)), \"MPI_STATUS_IGNORE\"), 32)")
                pre.append("rt.loadStatus(from: sp\(i), to: s\(i))")
                arguments[i] = "s\(i)"
                post.append("rt.storeStatus(s\(i), to: sp\(i))")
            } else {
                pre.append("let sp\(i) = frame.u32(\(i)) == 0 ? nil : try rt.bytes(guest, frame.u32(\(i)), 32)")
                pre.append("if let sp\(i) { rt.loadStatus(from: sp\(i), to: s\(i)) }")
                arguments[i] = "sp\(i) == nil ? rt.statusIgnore?.assumingMemoryBound(to: MPI_Status.self) : s\(i)"
                post.append("if let sp\(i) { rt.storeStatus(s\(i), to: sp\(i)) }")
            }
        case .statuses(let length):
            // Host statuses only when the guest asked for them (not MPI_STATUSES_IGNORE).
            pre.append("let n\(i) = try rt.length(\(try lengthExpression(length)))")
            pre.append("let sp\(i) = frame.u32(\(i)) == 0 ? nil : try rt.bytes(guest, frame.u32(\(i)), n\(i) * 32)")
            pre.append("let s\(i): UnsafeMutablePointer<MPI_Status>? = sp\(i) == nil ? nil : rt.scratch.push(MPI_Status.self, count: max(n\(i), 1))")
            pre.append("defer { if let s\(i) { rt.scratch.pop(s\(i)) } }")
            arguments[i] = "s\(i) ?? rt.statusesIgnore?.assumingMemoryBound(to: MPI_Status.self)"
            post.append("if let sp\(i), let s\(i) { for k in 0..<n\(i) { rt.storeStatus(s\(i) + k, to: sp\(i) + 32 * k) } }")
        case .stringIn where parameter.name == "filename":
            // MPI-IO file names resolve inside the WASI pre-opened directories only.
            pre.append("let c\(i) = try rt.hostPath(guest, frame.u32(\(i)))")
            pre.append("defer { free(c\(i)) }")
            arguments[i] = "c\(i)"
        case .stringIn:
            pre.append("let c\(i) = try rt.string(guest, frame.u32(\(i)))")
            arguments[i] = "c\(i)"
        case .stringOut(let capacity):
            pre.append("let c\(i) = try rt.stringBuffer(guest, frame.u32(\(i)), rt.length(\(try lengthExpression(capacity))))")
            arguments[i] = "c\(i)"
        case .array(let direction, let length, let significance):
            try planArray(i, parameter, direction, length, significance)
        case .initArguments:
            arguments[i] = "nil"
        case .address:
            arguments[i] = "rt.unchecked(guest, frame.u32(\(i)))"
        case .handle(.in):
            break
        case .opaque, .pointerOut, .callback, .argv, .argvs, .stringArray:
            throw Unsupported("\(parameter.name): \(kind) is not translated yet")
        }
    }

    mutating func planHandleIn(_ i: Int, _ parameter: Parameter) throws(Unsupported) {
        guard case .handle(let kind) = parameter.type, let type = handleType(kind) else { throw Unsupported("\(parameter.name): unknown handle type") }
        // Null handles go to the host as its own null handles: whether one is valid (MPI_INFO_NULL,
        // MPI_REQUEST_NULL) and which error an invalid one raises first is the host's to say,
        // as it is for native programs; lengths that depend on a null handle count as zero.
        // Null communicators, windows, files and tool handles are refused here (the kind's error
        // class) where MPI does not allow them: Open MPI 4.1 crashes on some (MPI_Iallgather
        // dereferences MPI_COMM_NULL, MPI_T_pvar_reset a null session; the probes abort through
        // its fatal handler).
        let refusesNull = Self.nullRefused.contains(kind.typeName) && !Self.nullAllowed.contains("\(name) \(parameter.name)")
        pre.append("let h\(i) = try rt.host(frame.i32(\(i)), \(kindCase(kind))\(refusesNull ? "" : ", allowNull: true"))")
        arguments[i] = toHost(type, "h\(i)")
        if kind.typeName == "MPI_Datatype", Self.commitUnchecked.contains(name) { pre.append("try rt.requireCommitted(h\(i))") }
        if name == "MPI_Grequest_complete" { pre.append("try rt.completeGrequest(frame.i32(\(i)))") }
        // Open MPI 4.1 crashes flushing an out-of-range rank in a passive-target epoch.
        if ["MPI_Win_flush", "MPI_Win_flush_local", "MPI_Win_lock", "MPI_Win_unlock"].contains(name), kind.typeName == "MPI_Win", let r = index(of: "rank") {
            pre.append("try rt.requireWindowRank(frame.i32(\(r)), window: h\(i))")
        }
        if name.hasPrefix("MPI_Status_set_elements"), kind.typeName == "MPI_Datatype", let c = index(of: "count") {
            pre.append("try rt.requireElements(h\(i), count: Int64(\(function.parameters[c].type == .scalar("int") ? "frame.i32" : "frame.i64")(\(c))))")
        }
        if kind.typeName == "MPI_Comm", i == 0, let shape = Self.communicatorShape[name] { pre.append("try rt.requireShape(h0, .\(shape))") }
        // Predefined ops on the guest's long double compute in its format (binary128).
        if kind.typeName == "MPI_Op", let d = index(of: "target_datatype") ?? index(of: "datatype"), d < i {
            pre.append("let r\(i) = try rt.reductionOp(h\(i), datatype: h\(d)\(windowIndex != nil ? ", remote: true" : ""))")
            arguments[i] = toHost(type, "r\(i)")
        }
    }

    /// Handle kinds whose null value the runtime refuses itself (Open MPI 4.1 crashes on some
    /// null communicators and on a null pvar session).
    static let nullRefused: Set<String> = [
        "MPI_Comm", "MPI_Win", "MPI_File", "MPI_T_pvar_session", "MPI_T_pvar_handle", "MPI_T_cvar_handle", "MPI_T_enum",
    ]
    /// Handle kinds whose null value the runtime refuses in in-out parameters: Open MPI 4.1's
    /// MPI_Mrecv and MPI_Imrecv raise the error of MPI_MESSAGE_NULL through MPI_COMM_NULL's
    /// fatal handler.
    static let inoutNullRefused: Set<String> = ["MPI_Message"]

    /// Calls whose communicator must have a shape the host does not check (MPICH 4.0 asserts
    /// or crashes): `BindingRuntime.requireShape`.
    static let communicatorShape: [String: String] = ["MPI_Intercomm_merge": "intercommunicator", "MPI_Cart_get": "cartesian"]
    /// Parameters of those kinds that MPI lets be null: the peer communicator of
    /// MPI_Intercomm_create is significant only at the local leader.
    static let nullAllowed: Set<String> = ["MPI_Intercomm_create peer_comm", "MPI_Intercomm_create bridge_comm"]

    /// Functions the host runs on a datatype without checking that it is committed, and hangs
    /// (MPI_Pack_external_size) or crashes (MPI_Pack_size) on one that is not.
    static let commitUnchecked: Set<String> = ["MPI_Pack_external_size", "MPI_Pack_size"]

    /// Functions that free the object of their in-out handle (`MPI_Info_free`, `MPI_Comm_disconnect`).
    static func frees(_ function: String) -> Bool { function.hasSuffix("_free") || function == "MPI_Comm_disconnect" }

    mutating func planHandleOut(_ i: Int, _ parameter: Parameter, _ isInout: Bool) throws(Unsupported) {
        guard case .pointer(.handle(let kind), _) = parameter.type, let type = handleType(kind) else {
            throw Unsupported("\(parameter.name): handle pointer of unknown type")
        }
        pre.append("let p\(i) = try rt.bytes(guest, frame.u32(\(i)), 4)")
        if isInout {
            pre.append("let g\(i) = p\(i).loadUnaligned(as: Int32.self)")
            if Self.frees(name) { pre.append("try rt.refuseFreeing(g\(i), \(kindCase(kind)))") }
            if ["MPI_Comm_free", "MPI_Comm_disconnect"].contains(name) {
                pre.append("if let null = rt.deferFree(g\(i)) { p\(i).storeBytes(of: null, as: Int32.self); frame.setI32(0, 0); return }")
            }
            if name == "MPI_Request_free" {
                pre.append("try rt.refuseCancel(g\(i))")
                pre.append("if let null = rt.freeFileRequest(g\(i)) { p\(i).storeBytes(of: null, as: Int32.self); frame.setI32(0, 0); return }")
                pre.append("rt.retire(g\(i), .request)")
            }
            if name == "MPI_Cancel" {
                pre.append("try rt.refuseCancel(g\(i))")
                pre.append("if rt.cancelHasNoEffect(g\(i)) { frame.setI32(0, 0); return }")
                post.append("if rc == MPI_SUCCESS { rt.cancelled(g\(i)) }")
            }
            if name == "MPI_Type_commit" { post.append("if rc == MPI_SUCCESS { rt.typeCommitted(\(bits(type, "o\(i)"))) }") }
            let allowNull = Self.inoutNullRefused.contains(kind.typeName) ? "" : ", allowNull: true"
            pre.append("var o\(i): \(element(type)) = \(toHost(type, "try rt.host(g\(i), \(kindCase(kind))\(allowNull))"))")
            post.append("p\(i).storeBytes(of: rt.update(g\(i), to: \(bits(type, "o\(i)")), \(kindCase(kind))), as: Int32.self)")
        } else {
            pre.append("var o\(i): \(element(type)) = \(null(type))")
            if kind.typeName == "MPI_Request", let c = commIndex {
                post.append("let n\(i) = rt.createdRequest(\(bits(type, "o\(i)")), rc, comm: frame.i32(\(c)))")
            } else {
                post.append("let n\(i) = rt.created(\(bits(type, "o\(i)")), \(kindCase(kind)), rc)")
            }
            post.append("p\(i).storeBytes(of: n\(i), as: Int32.self)")
            // A new communicator inherits its parent's error handler; the host returns the
            // errors of a new window so that the runtime applies the guest's handler.
            if kind.typeName == "MPI_Comm", let c = commIndex { post.append("rt.inheritErrorHandler(from: frame.i32(\(c)), to: n\(i))") }
            if kind.typeName == "MPI_Win" { post.append("if rc == MPI_SUCCESS { rt.createdWindow(\(bits(type, "o\(i)"))) }") }
            if kind.typeName == "MPI_Request", name.hasSuffix("_init") {
                post.append("if rc == MPI_SUCCESS { rt.persistentRequest(n\(i)) }")
            }
            if kind.typeName == "MPI_Request", name == "MPI_Comm_idup" || FunctionFamily(function: name) == .collectives {
                post.append("if rc == MPI_SUCCESS { rt.collectiveRequest(n\(i)) }")
            }
            if name == "MPI_Comm_idup", kind.typeName == "MPI_Request", let c = index(of: "newcomm"), let p = commIndex {
                post.append("if rc == MPI_SUCCESS { rt.duplicating(n\(c), from: frame.i32(\(p)), until: n\(i)) }")
            }
            if name == "MPI_Win_create_dynamic", let c = commIndex { post.append("if rc == MPI_SUCCESS { try rt.createdDynamicWindow(n\(i), comm: h\(c)) }") }
            if countlessName == "MPI_Win_create", let c = commIndex, let size = index(of: "size"), let unit = index(of: "disp_unit") {
                let window = "n\(i), comm: h\(c), size: \(try integer(size)), unit: Int32(truncatingIfNeeded: \(try integer(unit)))"
                post.append("if rc == MPI_SUCCESS { try rt.createdMemoryWindow(\(window)) }")
            }
        }
        arguments[i] = "&o\(i)"
    }

    mutating func planScalarRef(_ i: Int, _ parameter: Parameter, _ direction: ParameterKind.Direction) throws(Unsupported) {
        guard case .pointer(.scalar(let scalar), _) = parameter.type else { throw Unsupported("\(parameter.name): pointer to non-scalar") }
        let host = try hostType(scalar), guestType = try guestSwiftType(scalar)
        let guestSize = try guestWidth(scalar), hostSize = try hostWidth(scalar)
        pre.append("let p\(i) = try rt.bytes(guest, frame.u32(\(i)), \(guestSize))")
        // In-out values go through a host copy: a host that writes a string or a buffer over
        // the guest's own length, then reads the length again, would write past the range
        // checked (Open MPI 4.1's MPI_T_*_get_info: strncpy over name_len, then name[*name_len - 1]).
        if guestSize == hostSize && parameter.domain == nil && direction != .inout {
            arguments[i] = "p\(i).assumingMemoryBound(to: \(host).self)"
            return
        }
        let load = "p\(i).loadUnaligned(as: \(guestType).self)"
        let initial = direction == .out ? "0" : "\(host)(\(domainToHost(load, parameter.domain, guestType)))"
        pre.append("var t\(i): \(host) = \(initial)")
        arguments[i] = "&t\(i)"
        if direction != .in {
            let narrowed = guestType == "Double" || guestType == "Float" ? "t\(i)" : "try rt.narrow(t\(i), to: \(guestType).self)"
            post.append("p\(i).storeBytes(of: \(domainToGuest(narrowed, parameter.domain, guestType)), as: \(guestType).self)")
        }
    }

    mutating func planBuffer(_ i: Int, _ layout: BufferLayout, _ significance: ParameterKind.Significance) throws(Unsupported) {
        let checked: String
        switch layout {
        case .typed(let count, let datatype):
            guard let d = index(of: datatype) else { throw Unsupported("buffer datatype \(datatype)") }
            // Open MPI 4.1's MPI_Imrecv and MPI_Mrecv crash on MPI_MESSAGE_NO_PROC with a negative
            // count or a null or uncommitted datatype.
            if ["MPI_Imrecv", "MPI_Mrecv"].contains(name), case .parameter(let c) = count, let k = index(of: c) {
                pre.append("try rt.requireMatchedReceive(count: frame.i32(\(k)), datatype: h\(d))")
            }
            let inPlace = acceptsInPlace ? "" : ", inPlace: false"
            checked = "rt.buffer(guest, frame.u32(\(i)), count: \(try lengthExpression(count)), datatype: h\(d)\(inPlace))"
        case .bytes(let length):
            checked = "rt.bytes(guest, frame.u32(\(i)), rt.length(\(try lengthExpression(length))), errorClass: GuestErrorClass.buffer)"
        case .perRank(let counts, let displacements, let datatype, let ranks):
            guard let c = index(of: counts), let d = index(of: datatype) else { throw Unsupported("v layout parameters") }
            let displs = try displacements.map { name throws(Unsupported) -> String in
                guard let k = index(of: name) else { throw Unsupported("displacements \(name)") }
                return "frame.u32(\(k))"
            } ?? "nil"
            checked = "rt.perRankBuffer(guest, frame.u32(\(i)), counts: frame.u32(\(c)), displacements: \(displs), bytes: false, ranks: \(try lengthExpression(ranks)), datatypes: { _ in h\(d) })"
        case .perRankTypes(let counts, let displacements, let datatypes, let ranks):
            guard let c = index(of: counts), let k = index(of: displacements), let t = index(of: datatypes),
                  case .array(.handle(let kind), _)? = Optional(function.parameters[t].type), let type = handleType(kind) else {
                throw Unsupported("w layout parameters")
            }
            // Guest MPI_Aint displacements are 32 bits wide, like int ones.
            if ![.scalar("int"), .scalar("MPI_Aint")].contains(function.parameters[k].type.pointee) { throw Unsupported("w displacements of type \(function.parameters[k].type.guestSpelling)") }
            checked = "rt.perRankBuffer(guest, frame.u32(\(i)), counts: frame.u32(\(c)), displacements: frame.u32(\(k)), bytes: true, ranks: \(try lengthExpression(ranks)), datatypes: { k in \(bits(type, "t\(t)![k]")) })"
        }
        switch significance {
        case .all:
            pre.append("let b\(i) = try \(checked)")
        case .root(let root):
            guard let r = index(of: root), let c = commIndex else { throw Unsupported("root without communicator") }
            pre.append("let b\(i) = try rt.isRoot(frame.i32(\(r)), comm: h\(c)) ? \(checked) : rt.unchecked(guest, frame.u32(\(i)))")
        case .nonRoot:
            throw Unsupported("non-root significance")
        }
        arguments[i] = "b\(i)"
    }

    /// Send-side arrays MPI ignores when the send buffer is MPI_IN_PLACE (MPI_Alltoallv/w), which
    /// may be null then; any other null array that the call would read or write is refused.
    /// `rt.array`'s options for a parameter: NULL allowed (the send side of an in-place
    /// all-to-all), the weight sentinels (MPI_UNWEIGHTED, MPI_WEIGHTS_EMPTY) recognised.
    func arrayOptions(_ parameter: Parameter) -> String {
        var options = ""
        if ["sendcounts", "sdispls", "sendtypes"].contains(parameter.name), let s = index(of: "sendbuf") {
            options += ", nullAllowed: frame.u32(\(s)) == 1"
        }
        if parameter.name.hasSuffix("weights") { options += ", weights: true" }
        return options
    }

    mutating func planArray(
        _ i: Int, _ parameter: Parameter, _ direction: ParameterKind.Direction, _ length: LengthExpr,
        _ significance: ParameterKind.Significance
    ) throws(Unsupported) {
        guard let elementType = parameter.type.pointee else { throw Unsupported("\(parameter.name): not an array") }
        switch significance {
        case .all:
            pre.append("let n\(i) = try rt.length(\(try lengthExpression(length)))")
        case .root(let root):
            // Not significant (and often not valid) away from the root: passed through unread.
            guard let r = index(of: root), let c = commIndex, direction == .in else { throw Unsupported("root-significant \(parameter.name)") }
            pre.append("let n\(i) = try rt.isRoot(frame.i32(\(r)), comm: h\(c)) ? rt.length(\(try lengthExpression(length))) : 0")
        case .nonRoot:
            throw Unsupported("non-root significance")
        }
        switch elementType {
        // Arrays the host only reads are copied: counts and displacements size the buffer checks,
        // and a host that writes a buffer over them, or reads them after the guest changed them
        // (nonblocking calls), would write past the spans checked. Weights are not (they size
        // nothing, and a copy would lose the MPI_UNWEIGHTED and MPI_WEIGHTS_EMPTY sentinels).
        case .scalar(let scalar) where parameter.domain == nil && (try? guestWidth(scalar)) == (try? hostWidth(scalar))
            && (direction != .in || parameter.name.hasSuffix("weights")):
            let width = try guestWidth(scalar)
            pre.append("let a\(i) = try rt.array(guest, frame.u32(\(i)), n\(i) * \(width)\(arrayOptions(parameter)))")
            arguments[i] = "a\(i)?.assumingMemoryBound(to: \(try hostType(scalar)).self)"
        case .scalar(let scalar):
            let host = try hostType(scalar), guestType = try guestSwiftType(scalar), width = try guestWidth(scalar)
            pre.append("let a\(i) = try rt.array(guest, frame.u32(\(i)), n\(i) * \(width)\(arrayOptions(parameter)))")
            // Open MPI 4.1 indexes the group with these ranks unchecked.
            if name == "MPI_Group_translate_ranks", parameter.name == "ranks1", let g = index(of: "group1") {
                pre.append("try rt.requireGroupRanks(a\(i), count: n\(i), group: h\(g))")
            }
            let load = "a\(i).loadUnaligned(fromByteOffset: k * \(width), as: \(guestType).self)"
            temporary(i, host)
            let initial = direction == .out ? "0" : "\(host)(\(domainToHost(load, parameter.domain, guestType)))"
            pre.append("if let a\(i), let t\(i) { for k in 0..<n\(i) { t\(i)[k] = \(initial) } }")
            arguments[i] = "t\(i)"
            if direction != .in {
                let narrowed = "try rt.narrow(t\(i)[k], to: \(guestType).self)"
                post.append("if let a\(i), let t\(i) { for k in 0..<n\(i) { a\(i).storeBytes(of: \(domainToGuest(narrowed, parameter.domain, guestType)), toByteOffset: k * \(width), as: \(guestType).self) } }")
            }
        case .fixedArray(.scalar("int"), let n):
            pre.append("let a\(i) = try rt.array(guest, frame.u32(\(i)), n\(i) * \(4 * n)\(arrayOptions(parameter)))")
            arguments[i] = "a\(i)?.assumingMemoryBound(to: (\(Array(repeating: "Int32", count: n).joined(separator: ", "))).self)"
        case .handle(let kind):
            guard let type = handleType(kind) else { throw Unsupported("array of unknown handles") }
            pre.append("let a\(i) = try rt.array(guest, frame.u32(\(i)), n\(i) * 4\(arrayOptions(parameter)))")
            temporary(i, element(type))
            // The guest's handles as the call found them (a callback may change the guest's array).
            pre.append("let g\(i) = UnsafeMutableBufferPointer(start: rt.scratch.push(Int32.self, count: max(n\(i), 1)), count: a\(i) == nil ? 0 : n\(i))")
            pre.append("defer { rt.scratch.pop(g\(i).baseAddress!) }")
            pre.append("if let a\(i) { for k in 0..<n\(i) { g\(i)[k] = a\(i).loadUnaligned(fromByteOffset: k * 4, as: Int32.self) } }")
            // Open MPI 4.1 completes a request listed twice twice (and crashes later).
            if kind.typeName == "MPI_Request" && direction != .out { pre.append("try rt.requireDistinct(g\(i), .request)") }
            let initial = direction == .out ? null(type) : toHost(type, "try rt.host(g\(i)[k], \(kindCase(kind)), allowNull: true)")
            pre.append("if let t\(i) { for k in 0..<g\(i).count { t\(i)[k] = \(initial) } }")
            arguments[i] = "t\(i)"
            if direction == .out {
                post.append("if let a\(i), let t\(i) { for k in 0..<n\(i) { a\(i).storeBytes(of: rt.created(\(bits(type, "t\(i)[k]")), \(kindCase(kind)), rc), toByteOffset: k * 4, as: Int32.self) } }")
            } else if direction == .inout {
                post.append("if let a\(i), let t\(i) { for k in 0..<n\(i) { a\(i).storeBytes(of: rt.update(g\(i)[k], to: \(bits(type, "t\(i)[k]")), \(kindCase(kind))), toByteOffset: k * 4, as: Int32.self) } }")
            }
        default:
            throw Unsupported("\(parameter.name): array of \(elementType.guestSpelling) is not translated yet")
        }
    }

    /// A host-side array `t<i>` of `count n<i>`, or nil when the guest passed NULL (`a<i>`).
    /// Taken from the runtime's scratch stack for the call, or, when the call starts a request
    /// (nonblocking and persistent calls go on reading their arguments), from the heap until
    /// the request is freed.
    mutating func temporary(_ i: Int, _ element: String) {
        if requestIndex != nil {
            pre.append("let t\(i): UnsafeMutablePointer<\(element)>? = a\(i) == nil ? nil : .allocate(capacity: max(n\(i), 1))")
            if temporaries.isEmpty { pre.append("var kept = false") }
            temporaries.append("t\(i)")
            pre.append("defer { if !kept { t\(i)?.deallocate() } }")
        } else {
            pre.append("let t\(i): UnsafeMutablePointer<\(element)>? = a\(i) == nil ? nil : rt.scratch.push(\(element).self, count: max(n\(i), 1))")
            pre.append("defer { if let t\(i) { rt.scratch.pop(t\(i)) } }")
        }
    }

    /// The request a call returns, if any.
    var requestIndex: Int? {
        function.parameters.firstIndex { $0.type == .pointer(.handle(HandleKind("MPI_Request")), isConst: false) && $0.kind == .handle(.out) }
    }

    /// After the call: temporaries of a started request live until the request is freed.
    var requestTemporaries: [String] {
        guard let r = requestIndex, !temporaries.isEmpty else { return [] }
        let free = temporaries.map { "\($0)?.deallocate()" }.joined(separator: "; ")
        return ["if rc == MPI_SUCCESS { kept = true; rt.onRelease(n\(r), .request, freesOperationData: true) { \(free) } }"]
    }

    func scalarArgument(_ i: Int, _ parameter: Parameter) throws(Unsupported) -> String {
        guard case .scalar(let scalar) = parameter.type else { throw Unsupported("\(parameter.name): not a scalar") }
        let value = try accessor(i, scalar)
        let guestType = try guestSwiftType(scalar)
        if guestType == "Double" || guestType == "Float" { return value }
        // Open MPI 4.1 reads as many datatypes as max_datatypes says, past those it has: the
        // host gets the counts the type really has when the guest's capacities are larger.
        if name == "MPI_Type_get_contents", let which = ["max_integers", "max_addresses", "max_datatypes"].firstIndex(of: parameter.name) {
            return "try rt.contentsCapacity(h0, \(which), \(value))"
        }
        return "\(try hostType(scalar))(truncatingIfNeeded: \(domainToHost(value, parameter.domain, guestType)))"
    }

    // MARK: Lengths

    func lengthExpression(_ length: LengthExpr) throws(Unsupported) -> String {
        switch length {
        case .literal(let n): return "Int64(\(n))"
        case .constant(let name):
            guard let constant = abi.first(where: { $0.name == name }), let value = constant.integerValue else { throw Unsupported("constant \(name)") }
            return "Int64(\(value))"
        case .parameter(let name):
            guard let i = index(of: name), case .scalar(let scalar) = function.parameters[i].type else { throw Unsupported("length \(name)") }
            return "Int64(\(try accessor(i, scalar)))"
        case .pointee(let name):
            guard let i = index(of: name) else { throw Unsupported("length *\(name)") }
            return "(try rt.element(guest, frame.u32(\(i)), 0))"
        case .function(let f, let args):
            switch (f, args.count) {
            case ("comm_size", 1), ("remote_size", 1), ("comm_rank", 1), ("cart_ndims", 1), ("indegree", 1), ("outdegree", 1):
                guard case .parameter(let comm) = args[0], let c = index(of: comm), function.parameters[c].kind == .handle(.in) else {
                    throw Unsupported("\(f) of \(args[0])")
                }
                switch f {
                case "comm_rank": return "(try rt.commRank(h\(c)))"
                case "cart_ndims": return "rt.cartNdims(h\(c))"
                case "indegree", "outdegree": return "rt.degree(h\(c), incoming: \(f == "indegree"))"
                default: return "(try rt.commSize(h\(c), remote: \(f == "remote_size")))"
                }
            case ("mul", 2): return "(\(try lengthExpression(args[0])) * \(try lengthExpression(args[1])))"
            case ("add", 2): return "(\(try lengthExpression(args[0])) + \(try lengthExpression(args[1])))"
            case ("max", 2): return "max(\(try lengthExpression(args[0])), \(try lengthExpression(args[1])))"
            case ("sum", 2), ("at", 2), ("last", 2):
                guard case .parameter(let array) = args[0], let a = index(of: array) else { throw Unsupported("\(f) of \(args[0])") }
                let n = try lengthExpression(args[1])
                switch f {
                case "sum": return "(try rt.sum(guest, frame.u32(\(a)), \(n)))"
                case "at": return "(try rt.element(guest, frame.u32(\(a)), \(n)))"
                default: return "(try rt.element(guest, frame.u32(\(a)), \(n) - 1))"
                }
            default:
                throw Unsupported("length function \(f) is not computed yet")
            }
        }
    }

    // MARK: Text

    func text() -> String {
        let parameters = function.parameters.map { (try? wasmType($0.type)) ?? ".i32" }
        let result: String
        switch function.returnType {
        case .scalar("double"): result = "[.f64]"
        case .void: result = "[]"
        default: result = "[.i32]"
        }
        var lines: [String] = []
        let call = hostCall ?? "\(name)(\(arguments.joined(separator: ", ")))"
        if function.returnType == .scalar("double") {
            lines.append("frame.setF64(0, \(call))")
        } else {
            // The arguments are translated, the host called and the results written back in one
            // block (no closure to call): a refused argument throws to the catch, which gives the
            // guest its error after the error handler of `object`, as a host error does.
            let object = errorObject
            // Connecting to other jobs and creating processes need the user's permission (Capability).
            let gate = SwiftBindingsEmitter.gated.contains(name) ? ["try rt.require(\"\(name)\")"] : []
            var body = gate + pre + ["let rc = \(call)"]
            if SwiftBindingsEmitter.initializers.contains(name) { body.append("if rc == MPI_SUCCESS { rt.didInitialize(guest) }") }
            body += post + requestTemporaries
            body.append("frame.setI32(0, rc == MPI_SUCCESS ? 0 : rt.finish(rc, function: \"\(name)\", object: \(object)))")
            if body.contains(where: { $0.contains("try ") }) {
                lines.append("do throws(TranslationError) {")
                lines += body.map { "    " + $0 }
                lines.append("} catch {")
                lines.append("    frame.setI32(0, rt.refuse(error, function: \"\(name)\", object: \(object)))")
                lines.append("}")
            } else {
                lines += body
            }
        }
        var out = "        HostFunction(module: \"mpi\", name: \"\(name)\", type: FunctionType([\(parameters.joined(separator: ", "))], \(result))) { guest, frame in\n"
        out += lines.map { "            " + $0 + "\n" }.joined()
        out += "        },\n"
        return out
    }

    // MARK: Types

    func index(of parameter: String) -> Int? { function.parameters.firstIndex { $0.name == parameter } }

    var windowIndex: Int? {
        function.parameters.firstIndex { $0.kind == .handle(.in) && $0.type == .handle(HandleKind("MPI_Win")) }
    }

    var commIndex: Int? {
        function.parameters.firstIndex { $0.kind == .handle(.in) && $0.type == .handle(HandleKind("MPI_Comm")) }
    }

    /// The object whose error handler applies: the first communicator, window or file argument.
    var commIndexForErrors: Int? {
        function.parameters.firstIndex { parameter in
            guard parameter.kind == .handle(.in), case .handle(let kind) = parameter.type else { return false }
            return ["MPI_Comm", "MPI_Win", "MPI_File"].contains(kind.typeName)
        }
    }

    /// The `ErrorObject` expression of the handler for the call's errors; MPI_File_open and
    /// MPI_File_delete use MPI_FILE_NULL's.
    var errorObject: String {
        let index = commIndexForErrors
        let kind = index.flatMap { i -> HandleKind? in if case .handle(let kind) = function.parameters[i].type { return kind } else { return nil } }
        if name.hasPrefix("MPI_File_") && kind?.typeName != "MPI_File" { return ".fileNull" }
        guard let index, let kind else { return "nil" }
        let cases = ["MPI_Comm": "comm", "MPI_Win": "win", "MPI_File": "file"]
        return ".\(cases[kind.typeName]!)(frame.i32(\(index)))"
    }

    /// The runtime's `GuestHandleKind` case for a handle type: `.comm`, `.tPvarHandle`, ...
    func kindCase(_ kind: HandleKind) -> String {
        let parts = kind.typeName.dropFirst("MPI_".count).split(separator: "_")
        return "." + parts.enumerated().map { index, part in
            index == 0 ? part.lowercased() : part.prefix(1).uppercased() + part.dropFirst()
        }.joined()
    }

    func handleType(_ kind: HandleKind) -> HandleType? { api.handleTypes.first { $0.kind == kind } }

    func toHost(_ type: HandleType, _ bits: String) -> String {
        type.representation == .pointer
            ? "\(type.kind.typeName)(bitPattern: UInt(\(bits)))" : "\(type.kind.typeName)(truncatingIfNeeded: \(bits))"
    }

    func bits(_ type: HandleType, _ value: String) -> String {
        type.representation == .pointer ? "UInt64(UInt(bitPattern: \(value)))" : "UInt64(UInt32(bitPattern: \(value)))"
    }

    func element(_ type: HandleType) -> String {
        type.representation == .pointer ? "\(type.kind.typeName)?" : type.kind.typeName
    }

    func null(_ type: HandleType) -> String { type.representation == .pointer ? "nil" : "0" }

    func domainToHost(_ value: String, _ domain: ValueDomain?, _ guestType: String) -> String {
        guard let domain else { return value }
        if domain == .errorCode || domain == .errorClass { return "rt.toHost(Int32(truncatingIfNeeded: \(value)), .\(caseName(domain)))" }
        if domain.isClosed { return "rt.domains.closedToHost(Int64(\(value)), .\(caseName(domain)))" }
        return "rt.domains.toHost(Int64(\(value)), .\(caseName(domain)))"
    }

    func domainToGuest(_ value: String, _ domain: ValueDomain?, _ guestType: String) -> String {
        guard let domain else { return value }
        if domain == .errorCode || domain == .errorClass { return "\(guestType)(rt.toGuest(Int32(truncatingIfNeeded: \(value)), .\(caseName(domain))))" }
        return "\(guestType)(truncatingIfNeeded: rt.domains.toGuest(Int64(\(value)), .\(caseName(domain))))"
    }

    func caseName(_ domain: ValueDomain) -> String {
        let parts = domain.rawValue.split(separator: "_")
        return parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static let guestWidths: [String: Int] = [
        "int": 4, "unsigned int": 4, "long": 4, "MPI_Aint": 4, "MPI_Fint": 4, "size_t": 4, "char": 1,
        "long long": 8, "MPI_Offset": 8, "MPI_Count": 8, "double": 8, "float": 4, "_Bool": 1,
    ]
    static let hostWidths: [String: Int] = [
        "int": 4, "unsigned int": 4, "long": 8, "MPI_Aint": 8, "MPI_Fint": 4, "size_t": 8, "char": 1,
        "long long": 8, "MPI_Offset": 8, "MPI_Count": 8, "double": 8, "float": 4, "_Bool": 1,
    ]
    static let hostTypes: [String: String] = [
        "int": "Int32", "unsigned int": "UInt32", "long": "Int", "MPI_Aint": "MPI_Aint", "MPI_Fint": "MPI_Fint",
        "size_t": "Int", "char": "CChar", "long long": "Int64", "MPI_Offset": "MPI_Offset", "MPI_Count": "MPI_Count",
        "double": "Double", "float": "Float",
    ]

    func guestWidth(_ scalar: String) throws(Unsupported) -> Int {
        guard let width = Self.guestWidths[scalar] else { throw Unsupported("scalar \(scalar)") }
        return width
    }

    func hostWidth(_ scalar: String) throws(Unsupported) -> Int {
        guard let width = Self.hostWidths[scalar] else { throw Unsupported("scalar \(scalar)") }
        return width
    }

    func hostType(_ scalar: String) throws(Unsupported) -> String {
        if api.enumTypes.contains(scalar) { return scalar }
        guard let type = Self.hostTypes[scalar] else { throw Unsupported("scalar \(scalar)") }
        return type
    }

    func guestSwiftType(_ scalar: String) throws(Unsupported) -> String {
        switch scalar {
        case "double": return "Double"
        case "float": return "Float"
        default: return try guestWidth(scalar) == 8 ? "Int64" : "Int32"
        }
    }

    func accessor(_ i: Int, _ scalar: String) throws(Unsupported) -> String {
        switch try guestSwiftType(scalar) {
        case "Double": return "frame.f64(\(i))"
        case "Float": return "frame.f32(\(i))"
        case "Int64": return "frame.i64(\(i))"
        default: return "frame.i32(\(i))"
        }
    }

    func wasmType(_ type: CTypeRef) throws(Unsupported) -> String {
        guard case .scalar(let scalar) = type else { return ".i32" }
        switch try guestSwiftType(scalar) {
        case "Double": return ".f64"
        case "Float": return ".f32"
        case "Int64": return ".i64"
        default: return ".i32"
        }
    }
}
