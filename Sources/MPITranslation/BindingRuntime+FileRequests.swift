import CMPI
import CMPIShims
import WasmEngine

// Nonblocking MPI-IO operations: the runtime keeps which file each request belongs to until
// the request is released, and the host requests of those the guest freed until they complete.
extension BindingRuntime {
    /// A nonblocking MPI-IO operation started on `file`: pending until its request is released.
    public func fileRequest(_ request: Int32, file: Int32) {
        fileRequests[request] = file
        // Open MPI 4.1 crashed completing a failed one (mpiwasm_file_request_record_file).
        if let host = tables[GuestHandleKind.request.rawValue].lookup(request), let fileHost = tables[GuestHandleKind.file.rawValue].lookup(file) {
            _ = mpiwasm_file_request_record_file(host, fileHost)
        }
        onRelease(request, .request) { [unowned self] in fileRequests[request] = nil }
    }

    /// A nonblocking read that Open MPI 4.1 would never complete: one that reaches the end of
    /// the file (its aio progress reissues the short read forever, natively too; fuzz seed 12).
    /// The bindings make such a read blocking (`readNow`); the rest stay nonblocking. `offset`
    /// is nil for the individual file pointer. Reads through the shared file pointer are always
    /// made at once: another rank may move it between this check and the read. A collective
    /// read (MPI_File_iread_all, MPI_File_iread_at_all) becomes the independent blocking read
    /// only where the host's own is independent (Open MPI 4: no rank waits for another, checked
    /// natively with one rank of two reading alone); MPICH's reads are left alone.
    public func readReachesEnd(_ file: UInt64, at offset: MPI_Offset?, count: Int64, datatype: UInt64, collective: Bool = false) -> Bool {
        #if MPIWASM_HOST_MPICH
        return false
        #else
        if collective && OMPI_MAJOR_VERSION != 4 { return false }
        let handle = MPI_File(bitPattern: UInt(file))
        guard count > 0, let size = typeSize(datatype), size > 0 else { return false }
        var start: MPI_Offset = offset ?? 0
        if offset == nil, MPI_File_get_position(handle, &start) != MPI_SUCCESS { return false }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let etype = fileEtype(handle) else { return true }
        let (etypes, spill) = bytes.quotientAndRemainder(dividingBy: etype.size)
        // Offsets near 2^63 overflow: such a read reaches the end (the blocking read answers).
        let (lastEtype, past) = start.addingReportingOverflow(etypes + (spill > 0 ? 0 : -1))
        var last: MPI_Offset = 0, end: MPI_Offset = 0
        guard !past, MPI_File_get_byte_offset(handle, lastEtype, &last) == MPI_SUCCESS,
              MPI_File_get_size(handle, &end) == MPI_SUCCESS else { return true }
        let (reach, beyond) = last.addingReportingOverflow(etype.reach)
        return beyond || reach > end
        #endif
    }

    #if !MPIWASM_HOST_MPICH
    /// The size of the file view's elementary type and how far past its start its data reach;
    /// nil when the host's view is not readable or its representation is not native (element
    /// sizes in the file then differ from those in memory).
    private func fileEtype(_ file: MPI_File?) -> (size: Int64, reach: Int64)? {
        var displacement: MPI_Offset = 0
        var etype: HostDatatype = nil, filetype: HostDatatype = nil
        var representation = [CChar](repeating: 0, count: Int(MPI_MAX_DATAREP_STRING) + 1)
        guard MPI_File_get_view(file, &displacement, &etype, &filetype, &representation) == MPI_SUCCESS else { return nil }
        defer { for type in [etype, filetype] { mpiwasm_release_returned_type(type.hostBits) } }
        var size: MPI_Count = 0, lowerBound: MPI_Count = 0, extent: MPI_Count = 0
        guard String(cString: representation) == "native", MPI_Type_size_x(etype, &size) == MPI_SUCCESS, size > 0,
              MPI_Type_get_true_extent_x(etype, &lowerBound, &extent) == MPI_SUCCESS else { return nil }
        return (Int64(size), Int64(lowerBound + extent))
    }
    #endif

    /// Makes a nonblocking read at once (`read`, the blocking read of the same arguments) and
    /// returns a request already complete with its status: for the reads `readReachesEnd`
    /// picks, and for every read through the shared file pointer.
    public func readNow(_ request: UnsafeMutablePointer<HostRequest>, _ read: (UnsafeMutablePointer<MPI_Status>) -> Int32) -> Int32 {
        var status = MPI_Status()
        let rc = read(&status)
        guard rc == MPI_SUCCESS else { return rc }
        var bits: UInt64 = 0
        let started = withUnsafePointer(to: &status) { mpiwasm_completed_request($0, &bits) }
        if started == MPI_SUCCESS { request.pointee = HostRequest(hostBits: bits) }
        return started
    }

    /// Before MPI_File_close: MPI says the file's nonblocking operations must have completed
    /// (Open MPI 4.1 follows the freed file when one completes after the close). Those whose
    /// requests the guest freed cannot be completed by the guest: the runtime completes them.
    public func requireNoPendingFileRequests(_ file: Int32) throws(TranslationError) {
        let pending = fileRequests.values.count { $0 == file }
        if pending > 0 {
            throw TranslationError(GuestErrorClass.other, "the file has \(pending) nonblocking operation\(pending == 1 ? "" : "s") not completed")
        }
        completeFreedFileRequests(of: file)
    }

    /// MPI_Request_free of a nonblocking MPI-IO operation: the operation goes on, so its file
    /// must not close under it. The guest's handle goes now (the null handle is returned); the
    /// runtime keeps the host's request and completes it when the file closes or MPI
    /// finalizes. Nil for any other request: the call goes ahead.
    public func freeFileRequest(_ request: Int32) -> Int32? {
        let table = GuestHandleKind.request.rawValue
        guard let file = fileRequests[request], let host = tables[table].lookup(request) else { return nil }
        freedFileRequests.append((file: file, host: host))
        return updateChanged(request, to: tables[table].hostNull, .request)
    }

    /// Completes the freed operations on `file`, or on every file.
    func completeFreedFileRequests(of file: Int32?) {
        freedFileRequests.removeAll { entry in
            guard file == nil || entry.file == file else { return false }
            var host = HostRequest(hostBits: entry.host)
            MPI_Wait(&host, statusIgnore?.assumingMemoryBound(to: MPI_Status.self))
            return true
        }
    }
}
