import CMPI
import CMPIShims
import MPITranslation
import WasmEngine

/// Memory MPI hands to the guest must be guest memory: MPI_Alloc_mem and MPI_Win_allocate use
/// the guest's allocator (the window is created over it on the host), and pointers MPI returns
/// (MPI_Buffer_detach) become guest addresses.
enum GuestMemoryBindings {
    static let all: [HostFunction] = [
        HostFunction(module: "mpi", name: "MPI_Alloc_mem", type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Alloc_mem", object: nil) { () throws(TranslationError) -> Int32 in
                _ = try rt.host(frame.i32(1), .info, allowNull: true)
                let out = try rt.bytes(guest, frame.u32(2), 4)
                let size = try rt.length(Int64(frame.i32(0)))
                out.storeBytes(of: try rt.allocateMemory(size), as: UInt32.self)
                return MPI_SUCCESS
            }
        },
        HostFunction(module: "mpi", name: "MPI_Free_mem", type: FunctionType([.i32], [.i32])) { _, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Free_mem", object: nil) { () throws(TranslationError) -> Int32 in
                try rt.freeMemory(frame.u32(0))
                return MPI_SUCCESS
            }
        },
        allocate("MPI_Win_allocate", shared: false),
        allocate("MPI_Win_allocate_shared", shared: true),
        HostFunction(module: "mpi", name: "MPI_Win_shared_query", type: FunctionType([.i32, .i32, .i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Win_shared_query", object: .win(frame.i32(0))) { () throws(TranslationError) -> Int32 in
                _ = try rt.host(frame.i32(0), .win)
                let size = try rt.bytes(guest, frame.u32(2), 4), unit = try rt.bytes(guest, frame.u32(3), 4)
                let base = try rt.bytes(guest, frame.u32(4), 4)
                guard let segment = rt.sharedSegment(frame.i32(0)) else {
                    throw TranslationError(GuestErrorClass.win, "not a window from MPI_Win_allocate_shared")
                }
                // One process per window (see allocate): rank 0 or MPI_PROC_NULL mean its own segment.
                guard frame.i32(1) == 0 || frame.i32(1) == -3 else { throw TranslationError(6, "rank \(frame.i32(1)) is not in the window's group") }
                size.storeBytes(of: segment.size, as: Int32.self)
                unit.storeBytes(of: segment.dispUnit, as: Int32.self)
                base.storeBytes(of: segment.base, as: UInt32.self)
                return MPI_SUCCESS
            }
        },
        HostFunction(module: "mpi", name: "MPI_Buffer_detach", type: FunctionType([.i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, "MPI_Buffer_detach", object: nil) { () throws(TranslationError) -> Int32 in
                let address = try rt.bytes(guest, frame.u32(0), 4), size = try rt.bytes(guest, frame.u32(1), 4)
                var buffer: UnsafeMutableRawPointer?
                var bytes: Int32 = 0
                let code = mpiwasm_buffer_detach(&buffer, &bytes)
                guard code == MPI_SUCCESS else { return code }
                address.storeBytes(of: rt.guestAddress(of: buffer) ?? 0, as: UInt32.self)
                size.storeBytes(of: bytes, as: Int32.self)
                return code
            }
        },
    ]

    /// MPI_Win_allocate(_shared): guest memory from the guest's allocator, and a window the
    /// host creates over it, whose memory is freed with the window.
    ///
    /// Shared-memory windows need the memory of several processes in one address space, which
    /// separate linear memories cannot give: they are served on one-process communicators and
    /// refused with MPI_ERR_UNSUPPORTED_OPERATION on larger ones.
    static func allocate(_ name: String, shared: Bool) -> HostFunction {
        HostFunction(module: "mpi", name: name, type: FunctionType([.i32, .i32, .i32, .i32, .i32, .i32], [.i32])) { guest, frame in
            let rt = BindingRuntime.shared
            rt.call(frame, name, object: .comm(frame.i32(3))) { () throws(TranslationError) -> Int32 in
                let info = try rt.host(frame.i32(2), .info, allowNull: true)
                let comm = try rt.host(frame.i32(3), .comm)
                let baseOut = try rt.bytes(guest, frame.u32(4), 4), winOut = try rt.bytes(guest, frame.u32(5), 4)
                let size = try rt.length(Int64(frame.i32(0)))
                guard frame.i32(1) > 0 else { throw TranslationError(GuestErrorClass.arg, "displacement unit \(frame.i32(1)) is not positive") }
                if shared, try rt.commSize(comm, remote: false) > 1 {
                    throw TranslationError(55, "shared-memory windows across processes cannot live in separate linear memories")
                }
                let base = try rt.guestAllocate(max(size, 1))
                var win: UInt64 = 0
                let code = mpiwasm_win_create(rt.hostPointer(base), Int64(size), frame.i32(1), info, comm, &win)
                guard code == MPI_SUCCESS else {
                    rt.guestFree(base)
                    return code
                }
                rt.createdWindow(win)
                let handle = rt.guest(for: win, .win)
                rt.allocatedWindow(handle, base: base, size: Int32(size), dispUnit: frame.i32(1), shared: shared)
                try rt.createdMemoryWindow(handle, comm: comm, size: Int64(size), unit: frame.i32(1))
                baseOut.storeBytes(of: base, as: UInt32.self)
                winOut.storeBytes(of: handle, as: Int32.self)
                return code
            }
        }
    }
}
