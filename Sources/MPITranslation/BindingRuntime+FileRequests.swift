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

    /// MPI_File_iread, MPI_File_iread_at and MPI_File_iread_shared: the bindings make the
    /// blocking read at once (`read`) and return a request already complete with its status.
    /// Open MPI 4.1 never completed a nonblocking read that reached the end of the file
    /// (natively too); an independent read has no other rank to wait for.
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
