import CMPI
import CMPIShims
import WasmEngine

// Nonblocking MPI-IO operations: the runtime keeps which file each request belongs to until
// the request is released.
extension BindingRuntime {
    /// A nonblocking MPI-IO operation started on `file`: pending until its request is released.
    public func fileRequest(_ request: Int32, file: Int32) {
        fileRequests[request] = file
        onRelease(request, .request) { [unowned self] in fileRequests[request] = nil }
    }

    /// Before MPI_File_close: MPI says the file's nonblocking operations must have completed
    /// (Open MPI 4.1 follows the freed file when one completes after the close).
    public func requireNoPendingFileRequests(_ file: Int32) throws(TranslationError) {
        let pending = fileRequests.values.count { $0 == file }
        if pending > 0 {
            throw TranslationError(GuestErrorClass.other, "the file has \(pending) nonblocking operation\(pending == 1 ? "" : "s") not completed")
        }
    }
}
