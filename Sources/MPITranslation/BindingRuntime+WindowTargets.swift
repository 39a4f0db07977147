import CMPI
import CMPIShims
import WasmEngine

/// What an origin knows of every target of a window, learnt when the window is created (the
/// call is collective): for a window over memory, each rank's size and displacement unit; for a
/// dynamic window, each rank's linear-memory base.
enum WindowTargets {
    /// Per rank: the window's size in bytes (high 32 bits) and displacement unit (low 32 bits).
    case memory([UInt64])
    /// Per rank: the linear-memory base that guest addresses in that rank are relative to; and
    /// this process's rank in the window.
    case dynamic([UInt64], own: Int)
}

// One-sided operations are checked against the target's window before the host sees them:
// Open MPI's osc pt2pt writes wherever the displacement points in the target's process (natively:
// a put 32 bytes past a window succeeds, one 400 MB past it crashes the target), so a module
// could reach another rank's host memory. Out of the window is MPI_ERR_RMA_RANGE, the class
// Open MPI's osc rdma answers.
extension BindingRuntime {
    /// MPI_Win_create, MPI_Win_allocate(_shared): every rank learns every rank's size and unit.
    public func createdMemoryWindow(_ handle: Int32, comm: UInt64, size: Int64, unit: Int32) throws(TranslationError) {
        let packed = UInt64(UInt32(truncatingIfNeeded: size)) << 32 | UInt64(UInt32(bitPattern: unit))
        windowTargets[handle] = .memory(try allgather(packed, comm: comm, "window sizes"))
    }

    /// A dynamic window addresses its target memory by absolute address (MPI_Get_address), which
    /// in the guest is an offset into the target's linear memory: every rank learns every
    /// rank's memory base.
    public func createdDynamicWindow(_ handle: Int32, comm: UInt64) throws(TranslationError) {
        let base = UInt64(UInt(bitPattern: guestInstance.knownMemory.baseAddress))
        windowTargets[handle] = .dynamic(try allgather(base, comm: comm, "linear-memory bases"), own: Int(try commRank(comm)))
    }

    private func allgather(_ value: UInt64, comm: UInt64, _ what: String) throws(TranslationError) -> [UInt64] {
        var all = [UInt64](repeating: 0, count: Int(try commSize(comm, remote: false)))
        guard mpiwasm_allgather_u64(value, &all, comm) == 0 else {
            throw TranslationError(GuestErrorClass.win, "could not exchange \(what) for a window")
        }
        return all
    }

    /// The host's target displacement, after checking that `count` elements of `datatype` at
    /// `displacement` lie inside the target's window: for a window over memory, in units,
    /// unchanged; for a dynamic window, the target's memory base plus the guest address (taken
    /// as unsigned), whose span must stay inside that rank's 4 GiB region, and inside linear
    /// memory as it is now when the target is this process (beyond it the region is not
    /// readable: Open MPI's osc pt2pt crashed this process, fuzz seeds 41 and 45). Ranks outside
    /// the window (MPI_PROC_NULL among them), negative displacements and counts, and windows
    /// the runtime has no record of go to the host unchecked: it answers them.
    public func targetDisplacement(_ window: Int32, rank: Int32, _ displacement: Int32, count: Int64, datatype: UInt64) throws(TranslationError) -> Int {
        guard let targets = windowTargets[window], rank >= 0 else { return Int(displacement) }
        switch targets {
        case .memory(let windows):
            guard Int(rank) < windows.count, displacement >= 0 else { return Int(displacement) }
            let size = Int64(windows[Int(rank)] >> 32), unit = Int64(Int32(truncatingIfNeeded: windows[Int(rank)]))
            try requireInside(0..<size, from: Int64(displacement) * unit, count: count, datatype: datatype, rank: rank)
            return Int(displacement)
        case .dynamic(let bases, let own):
            guard Int(rank) < bases.count else { return Int(displacement) }
            let address = Int64(UInt32(bitPattern: displacement))
            let reach: Int64 = Int(rank) == own ? Int64(guestInstance.memory.count) : 1 << 32
            try requireInside(0..<reach, from: address, count: count, datatype: datatype, rank: rank)
            return Int(bitPattern: UInt(bases[Int(rank)]) + UInt(address))
        }
    }

    private func requireInside(_ window: Range<Int64>, from start: Int64, count: Int64, datatype: UInt64, rank: Int32) throws(TranslationError) {
        guard let e = try extentsToCheck(count: count, datatype: datatype) else { return }
        guard let (lower, upper) = Self.span(from: start, count: count, e), lower >= window.lowerBound, upper <= window.upperBound else {
            throw TranslationError(GuestErrorClass.rmaRange, "\(count) elements at byte \(start) of rank \(rank)'s window reach outside its \(window.upperBound) bytes")
        }
    }
}
