import CMPI
import CMPIShims
import WasmEngine

// What Open MPI 4.1 does not check, and crashes or hangs on (natively too), found by the fuzz
// harness: the runtime checks it first and answers with the class the standard gives, or
// changes the order of events so that the library never sees the state it mishandles.
extension BindingRuntime {
    /// For calls without a buffer that Open MPI 4.1 does not check it for: MPI_Pack_external_size
    /// loops forever on a type that is not committed, MPI_Pack_size crashes on some (their
    /// siblings answer MPI_ERR_TYPE, as this does).
    public func requireCommitted(_ datatype: UInt64) throws(TranslationError) {
        if isNull(datatype, .datatype) { return }
        guard try extentsOf(datatype).committed else { throw Self.notCommitted }
    }

    /// Collective reductions of a datatype whose extent is negative: Open MPI 4.1 sizes its
    /// temporary buffers by the extent and frees an invalid pointer (natively too: a type
    /// resized to extent -2 in MPI_Allreduce on 2 ranks, MPI_Reduce_scatter_block on 1,
    /// MPI_Iexscan on 2; fuzz seed 14). MPI_ERR_TYPE; MPICH is left to answer itself.
    public func requireNonnegativeExtent(_ datatype: UInt64) throws(TranslationError) {
        _ = try reducesNothing(datatype)
    }

    /// The count a collective reduction passes to the host, once the datatype passes
    /// `requireNonnegativeExtent`: 0 elements of a datatype of size 0 (the same nothing). Open MPI 4.1 leaves the
    /// description of a copy of such a committed type (MPI_Type_dup, MPI_Type_create_resized,
    /// MPI_File_get_view) uninitialized, and the local copy a blocking reduction makes walks
    /// it, writing past its stack array (natively too: MPI_Allreduce of
    /// MPI_Type_dup(MPI_Type_contiguous(0, ...)) with a user operation writes through a
    /// corrupted pointer; fuzz seed 49). Both from one look at the datatype's cached extents.
    /// Inlinable, so that the bindings get it specialized for their `int` or `MPI_Count`:
    /// unspecialized, it went through witness tables on every reduction (overloads instead
    /// made the type checker give up on the longer bindings).
    @inlinable
    public func reductionCount<Count: BinaryInteger>(_ count: Count, datatype: UInt64) throws(TranslationError) -> Count {
        try reducesNothing(datatype) && count > 0 ? 0 : count
    }

    /// MPI_Reduce_scatter's counts (the host's copy, one per rank) for `reductionCount`.
    public func emptyReductionCounts<Count: BinaryInteger>(_ counts: UnsafeMutablePointer<Count>?, _ ranks: Int, datatype: UInt64) throws(TranslationError) {
        guard try reducesNothing(datatype), let counts, ranks > 0 else { return }
        counts.update(repeating: 0, count: ranks)
    }

    /// Whether a reduction of `datatype` moves nothing (its size is 0), once a negative extent
    /// is refused; on Open MPI (MPICH is left alone).
    @usableFromInline
    func reducesNothing(_ datatype: UInt64) throws(TranslationError) -> Bool {
        #if MPIWASM_HOST_MPICH
        return false
        #else
        guard !isNull(datatype, .datatype), let extents = try? extentsOf(datatype) else { return false }
        if extents.extent < 0 {
            throw TranslationError(GuestErrorClass.type, "a reduction of a datatype of negative extent (\(extents.extent)) crashes Open MPI 4.1")
        }
        return extents.size == 0
        #endif
    }

    /// MPI_Alltoallw's buffers on an intracommunicator of one rank: each moved by its byte
    /// displacement, the displacement (the host's copy) set to 0. Open MPI 4.1's coll/self,
    /// which such communicators use, multiplies the displacements by the datatypes' extents:
    /// a displacement of 16 MiB with a 16-byte type read 256 MiB past the buffer, far outside
    /// linear memory, and the receive side writes as far (natively too: 8 bytes into an int
    /// array reads the int at byte 32; fuzz seed 36). `MPI_IN_PLACE` stays as it is.
    public func singleRankAlltoallw(_ send: UnsafeMutableRawPointer?, _ sendDisplacements: UnsafeMutablePointer<Int32>?,
                                    _ receive: UnsafeMutableRawPointer?, _ receiveDisplacements: UnsafeMutablePointer<Int32>?,
                                    comm: UInt64) -> (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) {
        #if MPIWASM_HOST_MPICH
        return (send, receive)
        #else
        var inter: Int32 = 0
        guard !isNull(comm, .comm), (try? commSize(comm, remote: false)) == 1,
              MPI_Comm_test_inter(HostComm(hostBits: comm), &inter) == MPI_SUCCESS, inter == 0 else { return (send, receive) }
        func moved(_ buffer: UnsafeMutableRawPointer?, _ displacement: UnsafeMutablePointer<Int32>?) -> UnsafeMutableRawPointer? {
            guard let buffer, buffer != hostInPlace, let displacement else { return buffer }
            defer { displacement.pointee = 0 }
            return buffer + Int(displacement.pointee)
        }
        return (moved(send, sendDisplacements), moved(receive, receiveDisplacements))
        #endif
    }

    /// The size in bytes of a host datatype, or nil when the host refuses to say (cached with
    /// its extents: no host call after the first).
    func typeSize(_ datatype: UInt64) -> Int64? {
        try? extentsOf(datatype).size
    }

    /// Whether `datatype` is a valid datatype of size 0.
    func hasNoData(_ datatype: UInt64) -> Bool {
        !isNull(datatype, .datatype) && typeSize(datatype) == 0
    }

    /// The count an MPI-IO data access passes to the host: 0 for a datatype of size 0, which
    /// moves nothing either way (Open MPI 4.1 divides by the size and crashes otherwise).
    public func fileAccessCount<Count: BinaryInteger>(_ count: Count, datatype: UInt64) -> Count {
        count > 0 && hasNoData(datatype) ? 0 : count
    }

    /// MPI_Pack_external, MPI_Unpack_external and MPI_Pack_external_size of a committed datatype
    /// of size 0: nothing is packed, and the runtime answers itself (a size of 0, the position
    /// unchanged), as Open MPI 4.1 does. MPICH 4.0 crashes on such a type, any count, natively
    /// too. (Types not committed are refused before: a buffer's check, `requireCommitted`.)
    public func packsNothing(_ datatype: UInt64) -> Bool { hasNoData(datatype) }

    /// MPI_Pack_external, MPI_Unpack_external (`datarep` given) and MPI_Unpack: `count` elements
    /// packed must fit between `position` and `size`, else MPI_ERR_TRUNCATE, as Open MPI 4.1
    /// answers. MPICH 4.0 packs past the size (outside the checked buffer, and outside linear
    /// memory at its end) and asserts unpacking past it, natively too. External data has the
    /// size MPI_Pack_external_size gives (0 for a type the host cannot represent: MPI_ERR_TYPE);
    /// native packed data that of the type's bytes.
    public func requirePackedRoom(_ datarep: UnsafePointer<CChar>?, count: Int64, datatype: UInt64, position: Int64, size: Int64) throws(TranslationError) {
        guard count > 0, !isNull(datatype, .datatype) else { return }
        var element: Int64 = 0
        if let datarep {
            var bytes: MPI_Aint = 0
            guard MPI_Pack_external_size(datarep, 1, HostDatatype(hostBits: datatype), &bytes) == MPI_SUCCESS else { return }
            element = Int64(bytes)
            // MPICH 4.0 gives an external size of 0 for types it cannot represent (MPI_DOUBLE_INT),
            // then asserts packing them (natively too). Types of size 0 were answered before.
            if element == 0 {
                throw TranslationError(GuestErrorClass.type, "the host MPI has no \(String(cString: datarep)) representation of this datatype")
            }
        } else {
            guard let bytes = typeSize(datatype) else { return }
            element = bytes
        }
        let (needed, overflow) = element.multipliedReportingOverflow(by: count)
        guard !overflow, needed <= size - position else {
            throw TranslationError(GuestErrorClass.truncate, "\(count) elements packed need \(overflow ? "more than 2^63" : String(needed)) bytes; \(size - position) remain after position \(position)")
        }
    }

    /// An explicit MPI-IO offset: a position in the file, never negative.
    public func requireFileOffset(_ offset: Int64) throws(TranslationError) {
        guard offset >= 0 else { throw TranslationError(GuestErrorClass.arg, "negative file offset \(offset)") }
    }

    /// Before an MPI-IO `_begin`: MPI allows one split collective per file at a time.
    public func requireNoSplitCollective(_ file: Int32) throws(TranslationError) {
        if let open = splitCollectives[file] {
            throw TranslationError(GuestErrorClass.other, "MPI_File_\(open)_begin on this file has not ended")
        }
    }

    public func splitCollectiveBegan(_ file: Int32, _ operation: String) { splitCollectives[file] = operation }

    /// Where a split collective read's `_begin` puts the status of the whole read (the bindings
    /// make the blocking read there: Open MPI 4.1's `_end` hung at the end of the file).
    public func splitReadStatus(_ file: Int32) -> UnsafeMutablePointer<MPI_Status> {
        splitReads.removeValue(forKey: file)?.deallocate()
        let status = UnsafeMutablePointer<MPI_Status>.allocate(capacity: 1)
        status.initialize(to: MPI_Status())
        splitReads[file] = status
        return status
    }

    /// A split collective read's `_end` (after `endSplitCollective`): the status its `_begin` kept.
    public func endSplitRead(_ file: Int32, status: UnsafeMutablePointer<MPI_Status>?) -> Int32 {
        guard let kept = splitReads.removeValue(forKey: file) else { return MPI_SUCCESS }
        if let status, UnsafeMutableRawPointer(status) != statusIgnore { status.pointee = kept.pointee }
        kept.deallocate()
        return MPI_SUCCESS
    }

    /// Before an MPI-IO `_end`: its `_begin` must be the file's open split collective (Open MPI
    /// 4.1 crashes otherwise). Ends it, whatever the host then answers.
    public func endSplitCollective(_ file: Int32, _ operation: String) throws(TranslationError) {
        guard let open = splitCollectives[file] else {
            throw TranslationError(GuestErrorClass.other, "MPI_File_\(operation)_end without MPI_File_\(operation)_begin")
        }
        guard open == operation else {
            throw TranslationError(GuestErrorClass.other, "MPI_File_\(operation)_end while MPI_File_\(open)_begin is open")
        }
        splitCollectives[file] = nil
    }

    /// MPI_Mrecv and MPI_Imrecv: a count and datatype Open MPI 4.1 does not check before it
    /// uses them on MPI_MESSAGE_NO_PROC.
    public func requireMatchedReceive(count: Int32, datatype: UInt64) throws(TranslationError) {
        guard count >= 0 else { throw TranslationError(GuestErrorClass.count, "negative count \(count)") }
        guard !isNull(datatype, .datatype) else { throw TranslationError(GuestErrorClass.type, "MPI_DATATYPE_NULL") }
        try requireCommitted(datatype)
    }

    /// MPI_Status_set_elements(_x): elements of a datatype that has none (Open MPI 4.1 divides
    /// by zero on some derived from an empty struct), or more bytes than an MPI_Count holds
    /// (MPICH 4.0 fails an assertion); on Open MPI, of a datatype not committed (4.1 crashed
    /// walking an uncommitted indexed type in `opal_datatype_set_element_count`, fuzz seed 65;
    /// its MPI_Get_elements refuses such a type with MPI_ERR_TYPE, natively too).
    public func requireElements(_ datatype: UInt64, count: Int64) throws(TranslationError) {
        guard !isNull(datatype, .datatype) else { return }
        #if !MPIWASM_HOST_MPICH
        try requireCommitted(datatype)
        #endif
        guard let size = typeSize(datatype), size > 0 else {
            throw TranslationError(GuestErrorClass.type, "the datatype has no elements to count")
        }
        let (bytes, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow, bytes < Int64.max else {
            throw TranslationError(GuestErrorClass.count, "\(count) elements of \(size) bytes are more bytes than MPI_Count holds")
        }
    }

    /// A target rank of a passive-target call: MPI_PROC_NULL or a rank of the window's group.
    public func requireWindowRank(_ rank: Int32, window: UInt64) throws(TranslationError) {
        guard rank != GuestRank.procNull else { return }
        var group = HostGroup(hostBits: 0)
        var size: Int32 = 0
        guard MPI_Win_get_group(HostWin(hostBits: window), &group) == MPI_SUCCESS else { return }
        MPI_Group_size(group, &size)
        MPI_Group_free(&group)
        try Self.requireRank(rank, of: size, "the window's group")
    }

    /// Guest ranks that must each be MPI_PROC_NULL or a rank of `group` (MPI_ERR_RANK).
    public func requireGroupRanks(_ ranks: UnsafeMutableRawPointer?, count: Int, group: UInt64) throws(TranslationError) {
        guard let ranks, count > 0, !isNull(group, .group) else { return }
        var size: Int32 = 0
        guard MPI_Group_size(HostGroup(hostBits: group), &size) == MPI_SUCCESS else { return }
        for k in 0..<count { try Self.requireRank(ranks.loadUnaligned(fromByteOffset: k * 4, as: Int32.self), of: size, "the group") }
    }

    /// The sources and destinations of a distributed graph (the host's copies): ranks of the
    /// communicator, else MPI_ERR_ARG as Open MPI 4.1 answers (MPICH 4.0 asserts, natively too).
    public func requireGraphRanks(_ ranks: UnsafeMutablePointer<Int32>?, count: Int, comm: UInt64) throws(TranslationError) {
        guard let ranks, count > 0, let size = try? commSize(comm, remote: false) else { return }
        for k in 0..<count where ranks[k] < 0 || ranks[k] >= size {
            throw TranslationError(GuestErrorClass.arg, "rank \(ranks[k]) of the graph is not in the communicator of \(size)")
        }
    }

    /// MPI_Graph_create's graph (the host's copies): at most as many nodes as the communicator
    /// has ranks, a non-decreasing index, and edges that name nodes, else MPI_ERR_ARG as MPICH
    /// 4.0 answers. Open MPI 4.1 checks only the first rule: a graph with an edge to node 1 of
    /// one node made its neighbourhood collectives receive from rank 1 of a communicator of
    /// 1, and crash (natively too).
    public func requireGraph(index: UnsafeMutablePointer<Int32>?, nodes: Int, edges: UnsafeMutablePointer<Int32>?, count: Int, comm: UInt64) throws(TranslationError) {
        guard let index, let size = try? commSize(comm, remote: false) else { return }
        guard nodes <= size else { throw TranslationError(GuestErrorClass.arg, "a graph of \(nodes) nodes in a communicator of \(size)") }
        for k in 0..<nodes where index[k] < (k == 0 ? 0 : index[k - 1]) {
            throw TranslationError(GuestErrorClass.arg, "the graph's index decreases at node \(k) (\(index[k]))")
        }
        guard let edges else { return }
        for k in 0..<count where edges[k] < 0 || edges[k] >= nodes {
            throw TranslationError(GuestErrorClass.arg, "edge \(k) of the graph names node \(edges[k]), not one of its \(nodes)")
        }
    }

    /// MPI_Dims_create's number of nodes: positive, else MPI_ERR_DIMS as Open MPI 4.1 answers
    /// (MPICH 4.0 loops forever or divides by zero, natively too).
    public func requireNodes(_ nodes: Int32) throws(TranslationError) {
        guard nodes > 0 else { throw TranslationError(GuestErrorClass.dims, "\(nodes) nodes: MPI_Dims_create needs a positive number") }
    }

    /// MPI_Pack's and MPI_Unpack's position (a guest integer of `width` bytes, already
    /// checked to lie in memory) inside 0...size, else MPI_ERR_ARG: MPICH 4.0 reads from
    /// position up to size without checking, beyond the buffer checked for `size` bytes.
    public func requirePosition(_ guest: GuestInstance, _ address: UInt32, width: Int, within size: Int64) throws(TranslationError) {
        let pointer = try bytes(guest, address, width)
        let position = width == 8 ? pointer.loadUnaligned(as: Int64.self) : Int64(pointer.loadUnaligned(as: Int32.self))
        guard position >= 0, position <= size else {
            throw TranslationError(GuestErrorClass.arg, "position \(position) is outside the buffer of \(size) bytes")
        }
    }

    /// A guest address that must not be null (MPI_STATUS_IGNORE where a call changes the
    /// status), else MPI_ERR_ARG.
    public func nonNull(_ address: UInt32, _ what: String) throws(TranslationError) -> UInt32 {
        guard address != 0 else { throw TranslationError(GuestErrorClass.arg, "\(what) where the call needs a real one") }
        return address
    }

    /// What a call needs its communicator to be.
    public enum CommunicatorShape { case intercommunicator, cartesian }

    /// MPI_Intercomm_merge of an intracommunicator (MPI_ERR_COMM) and MPI_Cart_get of a
    /// communicator without a Cartesian topology (MPI_ERR_TOPOLOGY), as Open MPI answers:
    /// MPICH 4.0 fails an assertion on the first and crashes on the second.
    public func requireShape(_ comm: UInt64, _ shape: CommunicatorShape) throws(TranslationError) {
        guard !isNull(comm, .comm) else { return }
        switch shape {
        case .intercommunicator:
            var flag: Int32 = 0
            guard MPI_Comm_test_inter(HostComm(hostBits: comm), &flag) == MPI_SUCCESS, flag != 0 else {
                throw TranslationError(GuestErrorClass.comm, "not an intercommunicator")
            }
        case .cartesian:
            guard mpiwasm_is_cartesian(comm) != 0 else {
                throw TranslationError(GuestErrorClass.topology, "the communicator has no Cartesian topology")
            }
        }
    }

    /// An array of requests (MPI_Waitall, MPI_Testsome, MPI_Startall, ...) that lists one twice,
    /// null handles aside: MPI_ERR_REQUEST. Open MPI 4.1 completes it twice; for the request
    /// of an MPI_Comm_idup it then crashes in MPI_Finalize (natively too).
    public func requireDistinct(_ handles: UnsafeMutableBufferPointer<Int32>, _ kind: GuestHandleKind) throws(TranslationError) {
        guard handles.count > 1 else { return }
        if let twice = tables[kind.rawValue].firstRepeated(UnsafeBufferPointer(handles)) { throw TranslationError(tables[kind.rawValue].errorClass, "\(kind.typeName) 0x\(String(twice, radix: 16)) is listed twice") }
    }

    /// MPI_PROC_NULL or a rank in 0..<size, else MPI_ERR_RANK.
    static func requireRank(_ rank: Int32, of size: Int32, _ what: String) throws(TranslationError) {
        guard rank == GuestRank.procNull || (rank >= 0 && rank < size) else {
            throw TranslationError(GuestErrorClass.rank, "rank \(rank) is not in \(what) of \(size)")
        }
    }

    /// After MPI_Type_commit: the datatype's cached state is stale.
    public func typeCommitted(_ datatype: UInt64) { extents.forget(datatype) }

    /// MPI_Type_get_contents's capacity `which` (integers, addresses, datatypes): the guest's,
    /// or the number the type really has when that is smaller (see the emitter).
    public func contentsCapacity(_ datatype: UInt64, _ which: Int, _ capacity: Int32) throws(TranslationError) -> Int32 {
        var integers: Int32 = 0, addresses: Int32 = 0, datatypes: Int32 = 0, combiner: Int32 = 0
        guard MPI_Type_get_envelope(HostDatatype(hostBits: datatype), &integers, &addresses, &datatypes, &combiner) == MPI_SUCCESS else {
            throw TranslationError(GuestErrorClass.type, "invalid datatype")
        }
        return min(capacity, [integers, addresses, datatypes][which])
    }

    /// Before a call that frees the object behind `guest`: predefined objects cannot be freed
    /// (Open MPI 4.1 crashes freeing MPI_INFO_ENV, or MPI_GROUP_EMPTY once more than calls
    /// returned it: a call that returns it as a new group lets the program free it once).
    public func refuseFreeing(_ guest: Int32, _ kind: GuestHandleKind) throws(TranslationError) {
        let table = tables[kind.rawValue]
        if kind == .group, emptyGroupsReturned > 0, guest != table.guestNull, table.isPredefined(guest) {
            emptyGroupsReturned -= 1
        } else if guest != table.guestNull, table.isPredefined(guest) {
            throw TranslationError(table.errorClass, "\(table.kind) 0x\(String(guest, radix: 16)) is predefined and cannot be freed")
        }
    }

    /// A request of a nonblocking collective (or MPI_Comm_idup), which MPI_Cancel and
    /// MPI_Request_free must not get (MPI says so): Open MPI 4.1 waits forever cancelling one,
    /// and crashes in MPI_Finalize on a freed MPI_Comm_idup that has not completed.
    public func collectiveRequest(_ request: Int32) {
        collectiveRequests.insert(request)
        onRelease(request, .request) { [unowned self] in collectiveRequests.remove(request) }
    }

    /// A persistent request (`MPI_*_init`), which may be inactive.
    public func persistentRequest(_ request: Int32) {
        persistentRequests.insert(request)
        onRelease(request, .request) { [unowned self] in persistentRequests.remove(request) }
    }

    /// MPI_Cancel of a persistent request that is inactive or complete, or of a request the
    /// host cancelled already, cancels nothing: the host is not called (Open MPI 4.1 crashes
    /// cancelling an inactive one, or a receive again).
    public func cancelHasNoEffect(_ request: Int32) -> Bool {
        if !cancelledRequests.isEmpty, cancelledRequests.contains(request) { return true }
        guard persistentRequests.contains(request), let host = tables[GuestHandleKind.request.rawValue].lookup(request) else { return false }
        var flag: Int32 = 0
        return MPI_Request_get_status(HostRequest(hostBits: host), &flag, nil) == MPI_SUCCESS && flag != 0
    }

    /// A nonpersistent request the host cancelled: Open MPI 4.1 crashes cancelling a receive
    /// again (natively too: MPI_Irecv, MPI_Cancel, MPI_Cancel; fuzz seed 28), so a second
    /// MPI_Cancel has no effect (`cancelHasNoEffect`), as MPI gives it. Persistent requests are
    /// checked for being active instead; generalized ones call the guest's cancel function
    /// each time.
    public func cancelled(_ request: Int32) {
        guard !persistentRequests.contains(request), !callbacks.generalizedRequests.contains(request),
              cancelledRequests.insert(request).inserted else { return }
        onRelease(request, .request) { [unowned self] in cancelledRequests.remove(request) }
    }

    public func refuseCancel(_ request: Int32) throws(TranslationError) {
        guard !collectiveRequests.contains(request) else {
            throw TranslationError(GuestErrorClass.request, "the request of a nonblocking collective cannot be cancelled or freed")
        }
    }

    /// MPI_Comm_idup: the new communicator is not usable until `request` completes (Open MPI
    /// 4.1 crashes using or freeing it before): its handle is invalid until then. Freeing the
    /// parent meanwhile is deferred until then too (`deferFree`; Open MPI crashes in the
    /// duplication's progress otherwise).
    public func duplicating(_ comm: Int32, from parent: Int32, until request: Int32) {
        let table = GuestHandleKind.comm.rawValue
        let host = tables[table].suspend(comm)
        duplicatedParents[parent, default: 0] += 1
        pendingDuplications.insert(request)
        onRelease(request, .request) { [unowned self] in
            pendingDuplications.remove(request)
            if let host { tables[table].resume(comm, host) }
            duplicatedParents[parent, default: 1] -= 1
            if duplicatedParents[parent] == 0 {
                duplicatedParents[parent] = nil
                freeDeferred(parent)
            }
        }
    }

    /// Before MPI_Finalize: MPI_Comm_idup requests the program left pending (MPI says it must
    /// not) are completed, since Open MPI 4.1 crashes finalizing with one pending (the
    /// duplication is collective: the other ranks complete theirs, or are doing so here), and
    /// so are the MPI-IO operations whose requests the guest freed.
    public func completeBeforeFinalize() {
        for request in pendingDuplications.sorted() {
            guard var host = tables[GuestHandleKind.request.rawValue].lookup(request).map({ HostRequest(hostBits: $0) }) else { continue }
            MPI_Wait(&host, statusIgnore?.assumingMemoryBound(to: MPI_Status.self))
            _ = update(request, to: host.hostBits, .request)
        }
        completeFreedFileRequests(of: nil)
    }

    /// MPI_Comm_free or MPI_Comm_disconnect of a communicator an MPI_Comm_idup is duplicating,
    /// or with requests pending (MPI lets them complete; Open MPI 4.1 frees the communicator's
    /// error handler at once and follows it when one of them fails, natively too): the guest's
    /// handle goes now (the null handle is returned), the host's when the duplication and the
    /// requests have completed. Nil when nothing is pending: the call goes ahead.
    public func deferFree(_ comm: Int32) -> Int32? {
        let table = GuestHandleKind.comm.rawValue
        let requestsPending = comm >= HandleTable.firstCreated && tables[GuestHandleKind.request.rawValue].hasLive(ownedBy: comm)
        guard duplicatedParents[comm] != nil || requestsPending, let host = tables[table].lookup(comm) else { return nil }
        deferredFrees[comm] = host
        tables[table].release(comm)
        released(comm, .comm)
        return tables[table].guestNull
    }

    /// Frees a communicator `deferFree` kept once nothing it waited for is pending.
    func freeDeferred(_ comm: Int32) {
        guard duplicatedParents[comm] == nil, deferredFrees[comm] != nil,
              !tables[GuestHandleKind.request.rawValue].hasLive(ownedBy: comm),
              var host = deferredFrees.removeValue(forKey: comm).map({ HostComm(hostBits: $0) }) else { return }
        MPI_Comm_free(&host)
    }
}
