import CMPI
import CMPIShims
import Foundation
import MPIModel
import WasmEngine

/// The state one rank's bindings share: a handle table per kind, constant translations,
/// datatype extents for buffer checks, and the error handler the guest chose per object.
///
/// One per process; a rank runs the guest on one thread (MPI_THREAD_SINGLE to FUNNELED).
public final class BindingRuntime: @unchecked Sendable {
    public static let shared = BindingRuntime(constants: .shared)

    public let constants: HostConstants
    public let domains: ValueDomains
    public let errors: ErrorCodes
    /// One per `GuestHandleKind`, by its raw value; allocated once for the process, so that
    /// lookups neither copy a table nor check exclusive access.
    @usableFromInline let tables: UnsafeMutablePointer<HandleTable>
    /// The error handlers the guest chose (see ErrorHandlers).
    public var errorHandlers = ErrorHandlers()
    /// The running guest, for callbacks from the host MPI (set at MPI_Init).
    public internal(set) var activeGuest: (any GuestInstance)?
    /// The guest whose `knownMemoryRecord` the checks read (held, so that the record stays
    /// valid while it is used), and the record (see `knownMemory`).
    @usableFromInline var recordOwner: AnyObject?
    @usableFromInline var record: UnsafePointer<KnownMemory>?
    /// What to do when a created handle is freed (guest memory of MPI_Win_allocate, temporaries
    /// a request still used), by kind and guest handle.
    var releaseActions: [ReleaseKey: [ReleaseAction]] = [:]
    /// MPI_Comm_idup requests not completed, and the communicators they duplicate (how many
    /// each), and those freed meanwhile.
    var pendingDuplications: Set<Int32> = []
    var duplicatedParents: [Int32: Int] = [:]
    var deferredFrees: [Int32: UInt64] = [:]
    /// How many times calls returned MPI_GROUP_EMPTY that the program has not freed.
    var emptyGroupsReturned = 0
    /// Persistent requests not freed (`persistentRequest`).
    var persistentRequests: Set<Int32> = []
    /// Nonpersistent requests the host cancelled, until released (`cancelled`).
    var cancelledRequests: Set<Int32> = []
    /// Files with an MPI-IO split collective begun and not ended, with its operation (`read_all`, ...).
    var splitCollectives: [Int32: String] = [:]
    /// The status of each file's split collective read, made whole by its `_begin`.
    var splitReads: [Int32: UnsafeMutablePointer<MPI_Status>] = [:]
    /// Requests of nonblocking MPI-IO operations not released, and their files.
    var fileRequests: [Int32: Int32] = [:]
    /// Host requests of nonblocking MPI-IO operations the guest freed, and their files.
    var freedFileRequests: [(file: Int32, host: UInt64)] = []
    /// The guest's MPI_T_init_thread calls not yet finalized, and whether the runtime holds its
    /// own reference to the host's tools interface (`toolsInitialized`).
    var toolsInitializations = 0
    var holdsTools = false
    /// Error codes handed to the guest that are not classes (see `isKnownErrorCode`).
    var issuedErrorCodes: Set<Int32> = []
    /// Requests of nonblocking collectives still pending (`collectiveRequest`).
    var collectiveRequests: Set<Int32> = []

    struct ReleaseAction {
        let run: () -> Void
        let freesOperationData: Bool
    }

    struct ReleaseKey: Hashable {
        let kind: GuestHandleKind
        let handle: Int32
    }
    /// What origins know of each window's targets (see BindingRuntime+WindowTargets).
    var windowTargets: [Int32: WindowTargets] = [:]
    /// Guest-side state of callbacks: user ops, keyvals, predefined attribute values.
    var callbacks = CallbackRegistry()
    /// What the user allowed beyond the job's own ranks (`--allow-connect`, `--allow-spawn`).
    public var granted: Set<Capability> = []
    /// The function-table indices the module fills (`ModuleInfo.tableIndices`): callbacks must
    /// be one of them. Nil when unknown (only null is refused then).
    public var guestFunctions: Range<Int>?
    /// WASI pre-opened directories, guest path and host path (see BindingRuntime+Files).
    var preopens: [(guest: String, host: String)] = []
    var extents = ExtentCache()
    /// Blocks in the host's description of each created datatype (see BindingRuntime+DatatypeSizes).
    var datatypeBlocks: [Int32: Int64] = [:]
    let quad: QuadReductions
    /// What reads and writes through a tools-interface handle move (see BindingRuntime+Tools).
    var toolVariables: [ToolHandle: ToolVariable] = [:]
    /// Host statuses for single-status calls, reused (see StatusPool).
    public let statuses = StatusPool(statusSize: GuestStatus.hostSize)
    /// Host-side arrays of one call (handles, their guest values, statuses; see ScratchStack).
    public let scratch = ScratchStack()
    let hostInPlace: UnsafeMutableRawPointer?
    @usableFromInline let hostStatusIgnore: UnsafeMutableRawPointer?
    let hostUnweighted = mpiwasm_unweighted(), hostWeightsEmpty = mpiwasm_weights_empty()
    let hostStatusesIgnore: UnsafeMutableRawPointer?

    public init(constants: HostConstants) {
        self.constants = constants
        domains = ValueDomains(constants: constants)
        errors = ErrorCodes(constants: constants)
        hostInPlace = UnsafeMutableRawPointer(bitPattern: UInt(constants.host("MPI_IN_PLACE") ?? 0))
        hostStatusIgnore = UnsafeMutableRawPointer(bitPattern: UInt(constants.host("MPI_STATUS_IGNORE") ?? 0))
        hostStatusesIgnore = UnsafeMutableRawPointer(bitPattern: UInt(constants.host("MPI_STATUSES_IGNORE") ?? 0))
        tables = .allocate(capacity: GuestHandleKind.allCases.count)
        quad = QuadReductions(constants: constants)
        tables.initialize(from: GuestHandleKind.allCases.map { kind in
            let entries = constants.entries.filter { $0.type == kind.typeName }
            let null = entries.first { $0.name.hasSuffix("_NULL") }
            let errorClass = constants.byName[HandleKind(kind.typeName).errorClass].map { Int32($0.guest) } ?? GuestErrorClass.arg
            var predefined = Dictionary(entries.map { (Int32($0.guest), $0.host) }, uniquingKeysWith: { a, _ in a })
            var hostAliases: [UInt64: Int32] = [:]
            if kind == .datatype {
                for (guestName, hostName) in Self.wasm32Layouts {
                    if let guest = constants.byName[guestName], let host = constants.host(hostName) { predefined[Int32(guest.guest)] = host }
                }
                for (hostName, guestName) in Self.hostWideTypes {
                    if let host = constants.host(hostName), let guest = constants.byName[guestName] { hostAliases[host] = Int32(guest.guest) }
                }
            }
            return HandleTable(
                kind: kind.typeName, tag: Int32(kind.rawValue), errorClass: errorClass, guestNull: Int32(null?.guest ?? -1), predefined: predefined, hostAliases: hostAliases)
        }, count: GuestHandleKind.allCases.count)
    }

    /// Predefined datatypes whose C type is narrower in wasm32 than on a 64-bit host: the
    /// guest's `long` and `MPI_Aint` are 32-bit integers, so its MPI_LONG is the host's
    /// MPI_INT32_T (and the pair MPI_LONG_INT the host's MPI_2INT). `long double` has the same
    /// size on both (16 bytes) and moves unchanged, but wasm32's is IEEE binary128 and x86's
    /// the x87 format: reductions on it go through `reductionOp`.
    static let wasm32Layouts = [
        "MPI_LONG": "MPI_INT32_T", "MPI_UNSIGNED_LONG": "MPI_UINT32_T", "MPI_AINT": "MPI_INT32_T", "MPI_LONG_INT": "MPI_2INT",
    ]

    /// The other way: datatypes the host reports (a tool variable's type, a type's contents)
    /// that are wider than the guest's type of the same name reach the guest as the fixed-size
    /// type of their width.
    static let hostWideTypes = [
        "MPI_LONG": "MPI_INT64_T", "MPI_UNSIGNED_LONG": "MPI_UINT64_T", "MPI_AINT": "MPI_INT64_T",
    ]

    // MARK: Handles

    @inlinable @inline(__always)
    public func host(_ guest: Int32, _ kind: GuestHandleKind, allowNull: Bool = false) throws(TranslationError) -> UInt64 {
        try HandleTable.host(guest, in: tables + kind.rawValue, allowNull: allowNull)
    }

    /// Whether a host handle is the host's null handle of its kind.
    @inlinable
    public func isNull(_ host: UInt64, _ kind: GuestHandleKind) -> Bool { host == tables[kind.rawValue].hostNull }

    /// The guest handle for a host handle the host returned.
    public func guest(for host: UInt64, _ kind: GuestHandleKind) -> Int32 {
        // A datatype new to the guest may sit where a freed one was: its extents are asked afresh.
        if kind == .datatype, tables[kind.rawValue].existing(for: host) == nil { extents.forget(host) }
        let guest = tables[kind.rawValue].guest(for: host)
        if kind == .group, guest < HandleTable.firstCreated, guest != tables[kind.rawValue].guestNull { emptyGroupsReturned += 1 }
        return guest
    }

    /// Runs a guest callback (`body`) on a host object, with the object's guest handle: Open MPI
    /// calls attribute callbacks and user reductions with objects of its own too (a
    /// communicator MPI-IO duplicated internally, deleted with its attributes when the file
    /// closes; a datatype a collective built), which the guest never got. Their handle is lent
    /// for the call and released after it: one kept would outlive the host object (fuzz seed 29:
    /// a forged handle reached the freed communicator of a closed file).
    func withCallbackHandle<Result>(_ host: UInt64, _ kind: GuestHandleKind, _ body: (Int32) -> Result) -> Result {
        if let existing = tables[kind.rawValue].existing(for: host) { return body(existing) }
        let lent = tables[kind.rawValue].guest(for: host)
        defer {
            tables[kind.rawValue].release(lent)
            released(lent, kind)
            // Its extents, asked for the callback, must not serve another type at its address.
            if kind == .datatype { extents.forget(host) }
        }
        return body(lent)
    }

    /// The guest handle for a handle a call returned as an out-parameter: the kind's null when
    /// the call failed, since MPI leaves the output undefined then and the host may have freed
    /// what it wrote (Open MPI 4.1's MPI_Igatherv with an invalid root returns MPI_ERR_ROOT and
    /// a request that MPI_Test then follows into freed memory).
    @inlinable
    public func created(_ host: UInt64, _ kind: GuestHandleKind, _ rc: Int32) -> Int32 {
        rc == MPI_SUCCESS ? guest(for: host, kind) : tables[kind.rawValue].guestNull
    }

    /// A request a call started on communicator `comm`: the runtime keeps which, so that
    /// freeing the communicator waits for its requests (`deferFree`).
    @inlinable
    public func createdRequest(_ host: UInt64, _ rc: Int32, comm: Int32) -> Int32 {
        let table = GuestHandleKind.request.rawValue
        return rc == MPI_SUCCESS ? tables[table].guest(for: host, owner: comm) : tables[table].guestNull
    }

    /// After a call that may have freed or completed a handle (inout): the guest's new value.
    @inlinable @inline(__always)
    public func update(_ guest: Int32, to host: UInt64, _ kind: GuestHandleKind) -> Int32 {
        // Unchanged (a request still pending, a persistent one inactive): the same handle.
        if guest >= HandleTable.firstCreated, tables[kind.rawValue].lookup(guest) == host { return guest }
        return updateChanged(guest, to: host, kind)
    }

    /// `update` of a handle the call freed or replaced.
    @usableFromInline
    func updateChanged(_ guest: Int32, to host: UInt64, _ kind: GuestHandleKind) -> Int32 {
        let table = kind.rawValue
        if host == tables[table].hostNull {
            if kind == .datatype, let old = tables[table].lookup(guest) {
                extents.forget(old)
                datatypeBlocks[guest] = nil
            }
            let owner = deferredFrees.isEmpty ? 0 : tables[table].owner(of: guest)
            tables[table].release(guest)
            released(guest, kind)
            if owner != 0 { freeDeferred(owner) }
            return tables[table].guestNull
        }
        return tables[table].guest(for: host)
    }

    // MARK: Values

    public func toHost(_ value: Int32, _ domain: ValueDomain) -> Int32 {
        domain == .errorCode || domain == .errorClass
            ? errors.hostCode(guest: value) : Int32(truncatingIfNeeded: domains.toHost(Int64(value), domain))
    }

    public func toGuest(_ value: Int32, _ domain: ValueDomain) -> Int32 {
        domain == .errorCode || domain == .errorClass
            ? guestCode(value) : Int32(truncatingIfNeeded: domains.toGuest(Int64(value), domain))
    }

    public func guestCode(_ hostCode: Int32) -> Int32 {
        let code = errors.guestCode(host: hostCode) { code in
            var errorClass: Int32 = 0
            MPI_Error_class(code, &errorClass)
            return errorClass
        }
        if !errors.isGuestClass(code) { issuedErrorCodes.insert(code) }
        return code
    }

    /// An error code or class the guest may pass in: a class of the ABI, or a code it was
    /// given (MPI_Add_error_code's, a host's own codes). MPICH 4.0 crashes in MPI_Error_string
    /// and MPI_Error_class of codes it never made.
    public func isKnownErrorCode(_ code: Int32) -> Bool { errors.isGuestClass(code) || issuedErrorCodes.contains(code) }

    public func requireErrorCode(_ code: Int32) throws(TranslationError) {
        guard isKnownErrorCode(code) else { throw TranslationError(GuestErrorClass.arg, "error code \(code) is not a class and was never returned") }
    }

    // MARK: Memory

    /// A guest buffer of `count` elements of `datatype` as a host pointer, after checking that
    /// the span the datatype covers (true lower bound and extent) lies inside linear memory.
    /// Guest MPI_BOTTOM (0) is the memory base; guest MPI_IN_PLACE (1) the host's where the call
    /// takes it (`inPlace`, collectives), else an address like any other: the host would follow
    /// MPI_IN_PLACE as a pointer (Open MPI 4.1's MPI_Reduce_local did, fuzz seed 40).
    public func buffer(_ guest: GuestInstance, _ address: UInt32, count: Int64, datatype: UInt64, inPlace: Bool = true) throws(TranslationError) -> UnsafeMutableRawPointer? {
        if address == 1 && inPlace { return hostInPlace }
        // MPI_ERR_COUNT, as MPI says; MPICH 4.0 aborts in MPI_Allreduce with a count of -1.
        guard count >= 0 else { throw TranslationError(GuestErrorClass.count, "negative count \(count)") }
        guard let e = try extentsToCheck(count: count, datatype: datatype) else { return unchecked(guest, address) }
        guard let (lower, upper) = Self.span(from: Int64(address), count: count, e) else {
            throw TranslationError(GuestErrorClass.buffer, "buffer at \(address) with \(count) elements spans more than 64-bit addresses reach")
        }
        let memory = self.memory(guest, reaching: upper)
        guard lower >= 0, upper <= Int64(memory.count) else {
            throw TranslationError(GuestErrorClass.buffer, "buffer at \(address) with \(count) elements spans [\(lower), \(upper)), outside linear memory of \(memory.count) bytes")
        }
        return memory.baseAddress! + Int(address)
    }

    static let notCommitted = TranslationError(GuestErrorClass.type, "the datatype is not committed")

    /// The extents of `datatype` when `count` of its elements cover bytes to check, nil when
    /// they cover none (no elements; a null datatype, whose call the host refuses with its own
    /// error; a type of no extent). A type not committed is refused, and so is one whose true
    /// extent is negative: the host's arithmetic overflowed describing it (Open MPI 4.1 gives
    /// MPI_Type_vector(2^30 - 1, 73, -2140321046, ...) a true extent of -6e16; fuzz seed 30),
    /// and it would address memory nowhere near the buffer.
    @inline(__always)
    func extentsToCheck(count: Int64, datatype: UInt64) throws(TranslationError) -> ExtentCache.Extents? {
        guard count > 0, !isNull(datatype, .datatype) else { return nil }
        let e = try extentsOf(datatype)
        guard e.committed else { throw Self.notCommitted }
        if e.trueExtent > 0 { return e }
        if e.trueExtent < 0 { throw Self.overflowedType(e.trueExtent) }
        return nil
    }

    @inline(never)
    static func overflowedType(_ trueExtent: Int64) -> TranslationError {
        TranslationError(GuestErrorClass.type, "the datatype's true extent (\(trueExtent)) overflowed the host MPI's arithmetic")
    }

    /// The bytes [lower, upper) that `count` elements of a datatype cover from `start` (true
    /// lower bound and extent; the extent may be negative), or nil when that overflows.
    static func span(from start: Int64, count: Int64, _ e: ExtentCache.Extents) -> (lower: Int64, upper: Int64)? {
        let (steps, o1) = (count - 1).multipliedReportingOverflow(by: e.extent)
        let (first, o2) = start.addingReportingOverflow(e.trueLB)
        let (lower, o3) = first.addingReportingOverflow(min(0, steps))
        let (last, o4) = first.addingReportingOverflow(max(0, steps))
        let (upper, o5) = last.addingReportingOverflow(e.trueExtent)
        return o1 || o2 || o3 || o4 || o5 ? nil : (lower, upper)
    }

    /// `length` bytes of guest memory at `address` (scalars, arrays, statuses), checked.
    @inlinable @inline(__always)
    public func bytes(_ guest: GuestInstance, _ address: UInt32, _ length: Int, errorClass: Int32 = GuestErrorClass.arg) throws(TranslationError) -> UnsafeMutableRawPointer {
        let end = Int64(address) + Int64(length)
        let memory = self.memory(guest, reaching: end)
        guard length >= 0, end <= Int64(memory.count), let base = memory.baseAddress else {
            throw Self.outsideMemory(address, length, memory.count, errorClass)
        }
        return base + Int(address)
    }

    /// A buffer of `capacity` bytes for a string the host writes. NULL stays NULL when the
    /// capacity is 0 (the tools interface allows it, to ask for lengths); otherwise at least one
    /// byte must lie inside memory: a host writes the terminating NUL even into a buffer of
    /// length 0 (Open MPI 4.1's MPI_T_category_get_info for a category without a description).
    public func stringBuffer(_ guest: GuestInstance, _ address: UInt32, _ capacity: Int) throws(TranslationError) -> UnsafeMutablePointer<CChar>? {
        if address == 0 && capacity == 0 { return nil }
        return try bytes(guest, address, max(capacity, 1)).assumingMemoryBound(to: CChar.self)
    }

    /// The error of `bytes`, out of line: the check stays small, the message is built only on failure.
    @usableFromInline
    static func outsideMemory(_ address: UInt32, _ length: Int, _ size: Int, _ errorClass: Int32) -> TranslationError {
        TranslationError(errorClass, "\(length) bytes at \(address) lie outside linear memory of \(size) bytes")
    }

    /// Linear memory for a check of a range ending at `end`: what is known of it when the
    /// range lies inside, else memory as it is now (the module may have grown it).
    @inlinable @inline(__always)
    public func memory(_ guest: GuestInstance, reaching end: Int64) -> UnsafeMutableRawBufferPointer {
        let known = knownMemory(guest)
        return end <= Int64(known.count) ? known : guest.memory
    }

    /// `guest.knownMemory`, read from the engine's record of it when it keeps one: a call
    /// through the protocol, with the registers saved around it, cost more than the rest of
    /// a pointer's check.
    @inlinable @inline(__always)
    public func knownMemory(_ guest: GuestInstance) -> UnsafeMutableRawBufferPointer {
        if guest === recordOwner, let record { return record.pointee.buffer }
        return knownMemoryOfNewGuest(guest)
    }

    @usableFromInline @inline(never)
    func knownMemoryOfNewGuest(_ guest: GuestInstance) -> UnsafeMutableRawBufferPointer {
        if guest !== recordOwner {
            recordOwner = guest
            record = guest.knownMemoryRecord
        }
        return guest.knownMemory
    }

    /// A NUL-terminated guest string, checked to end inside memory and within `maximum` bytes.
    public func string(_ guest: GuestInstance, _ address: UInt32, maximum: Int = 1 << 20) throws(TranslationError) -> UnsafePointer<CChar> {
        let memory = guest.memory
        guard Int(address) < memory.count, let base = memory.baseAddress else {
            throw TranslationError(GuestErrorClass.arg, "string at \(address) lies outside linear memory")
        }
        let limit = min(memory.count - Int(address), maximum)
        guard memchr(base + Int(address), 0, limit) != nil else {
            throw TranslationError(GuestErrorClass.arg, "string at \(address) has no terminating NUL within \(limit) bytes")
        }
        return UnsafePointer((base + Int(address)).assumingMemoryBound(to: CChar.self))
    }

    func extentsOf(_ datatype: UInt64) throws(TranslationError) -> ExtentCache.Extents {
        try extents.extents(datatype)
    }

    /// A host status written to guest memory, its fields translated.
    public func storeStatus(_ host: UnsafeRawPointer, to guest: UnsafeMutableRawPointer) {
        GuestStatus.store(host, to: guest) { field, value in
            switch field {
            case 0: return toGuest(value, .rank)
            case 1: return toGuest(value, .tag)
            default: return toGuest(value, .errorCode)
            }
        }
    }

    /// A guest status as the host's, for the calls that read one (MPI_Get_count, ...).
    public func loadStatus(from guest: UnsafeRawPointer, to host: UnsafeMutableRawPointer) {
        GuestStatus.load(from: guest, to: host) { field, value in
            switch field {
            case 0: return toHost(value, .rank)
            case 1: return toHost(value, .tag)
            default: return toHost(value, .errorCode)
            }
        }
    }

    /// The host's status pointer for a guest status (MPI_STATUS_IGNORE when the guest passes 0).
    @inlinable
    public var statusIgnore: UnsafeMutableRawPointer? { hostStatusIgnore }

    // MARK: Errors

    /// Sets the host's error handlers to return, so the runtime sees every error and applies
    /// the handler the guest chose (called after MPI_Init and MPI_Init_thread).
    public func didInitialize(_ guest: any GuestInstance) {
        activeGuest = guest
        installCallbackHandlers()
        for name in ["MPI_COMM_WORLD", "MPI_COMM_SELF"] {
            if let comm = constants.host(name) { _ = mpiwasm_errors_return(comm) }
        }
    }

    /// The guest's return code for a host code, after the guest's error handler for `object`
    /// (a guest communicator, window or file; the world communicator when nil) had its say:
    /// fatal handlers end the job here with the function's name and the error.
    public func finish(_ hostCode: Int32, function: String, object: ErrorObject?) -> Int32 {
        guard hostCode != MPI_SUCCESS else { return 0 }
        return handle(guestCode(hostCode), message: Self.errorString(hostCode), function: function, object: object)
    }

    /// Runs one binding: `body` translates the arguments, calls the host and writes results
    /// back, returning the host's code; the guest gets its code after the error handler had its say.
    @inlinable @inline(__always)
    public func call(_ frame: HostCallFrame, _ function: String, object: ErrorObject?, _ body: () throws(TranslationError) -> Int32) {
        do {
            let code = try body()
            frame.setI32(0, code == MPI_SUCCESS ? 0 : finish(code, function: function, object: object))
        } catch {
            frame.setI32(0, refuse(error, function: function, object: object))
        }
    }

    /// The same for a call refused before the host saw it (a `TranslationError`; anything else
    /// is an internal error of the runtime).
    public func refuse(_ error: any Error, function: String, object: ErrorObject?) -> Int32 {
        let refused = error as? TranslationError ?? TranslationError(GuestErrorClass.intern, "\(error)")
        return handle(refused.errorClass, message: refused.message, function: function, object: object)
    }

    /// The message is made only for a fatal handler: most errors go back to the guest, and
    /// MPICH 4.0 crashed making the string of some of its codes (found by the fuzz harness).
    func handle(_ code: Int32, message: @autoclosure () -> String, function: String, object: ErrorObject?) -> Int32 {
        // The tools interface returns its errors and never invokes an error handler (MPI 4.1 §15.3.1).
        if function.hasPrefix("MPI_T_") { return code }
        let target = handlerTarget(object)
        switch errorHandlers.handler(for: target) {
        case ErrorHandlers.returns:
            return code
        case ErrorHandlers.fatal, ErrorHandlers.abort:
            endJob("\(function): \(message()) (error class \(code)); MPI_ERRORS_ARE_FATAL ends the job", code: code)
        case let handler:
            callUserErrorHandler(handler, object: target, code: code)
            return code
        }
    }

    /// The object whose handler takes an error: the call's own, or where it is not a valid
    /// handle (null, forged, freed), MPI_COMM_WORLD for communicators and windows and
    /// MPI_FILE_NULL for files, as the host raises such errors.
    func handlerTarget(_ object: ErrorObject?) -> ErrorObject {
        guard let object else { return .world }
        guard object != .fileNull, tables[object.handleKind.rawValue].lookup(object.handle) == nil else { return object }
        if case .file = object { return .fileNull }
        return .world
    }

    /// MPI_*_call_errhandler: the handler of `object` applied to a guest error code.
    public func callErrorHandler(of object: ErrorObject, code: Int32, function: String) -> Int32 {
        let known = isKnownErrorCode(code)
        return handle(code, message: known ? Self.errorString(self.errors.hostCode(guest: code)) : "error code \(code)", function: function, object: object)
    }

    /// Whether the guest called MPI_Init and MPI is not finalized yet.
    public var isInsideMPI: Bool {
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        return activeGuest != nil && finalized == 0
    }

    /// Says on stderr, after the guest's buffered output, that this rank ends the job and why.
    public func announceAbort(_ reason: String) {
        report(reason + "; the job ends")
        OutputFlush.awaitReaders()
    }

    /// Ends every rank: the message on stderr (nil when the caller has said why), then
    /// MPI_Abort, so that no rank waits for this one.
    public func endJob(_ message: String?, code: Int32) -> Never {
        if let message { report(message) } else { OutputFlush.run() }
        OutputFlush.awaitReaders()
        _ = mpiwasm_abort(constants.host("MPI_COMM_WORLD") ?? 0, max(code, 1))
        exit(max(code, 1))
    }

    /// A line on stderr with the rank, after the guest's buffered output.
    func report(_ message: String) {
        OutputFlush.run()
        FileHandle.standardError.write(Data("\(Self.rankPrefix)\(message)\n".utf8))
    }

    static func errorString(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &buffer, &length)
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static var rankPrefix: String {
        var rank: Int32 = -1, flag: Int32 = 0
        MPI_Initialized(&flag)
        if flag != 0 { _ = mpiwasm_comm_rank(HostConstants.shared.host("MPI_COMM_WORLD") ?? 0, &rank) }
        return rank >= 0 ? "mpiwasm[rank \(rank)]: " : "mpiwasm: "
    }
}

// MARK: Lengths the bindings compute at the call (LengthExpr functions)

extension BindingRuntime {
    /// The size of the communicator's group (0 for MPI_COMM_NULL, which the host refuses).
    public func commSize(_ comm: UInt64, remote: Bool) throws(TranslationError) -> Int64 {
        if isNull(comm, .comm) { return 0 }
        var size: Int32 = 0
        guard mpiwasm_comm_size(comm, remote ? 1 : 0, &size) == MPI_SUCCESS else {
            throw TranslationError(GuestErrorClass.comm, "invalid communicator")
        }
        return Int64(size)
    }

    /// The caller's rank (-1 for MPI_COMM_NULL, which the host refuses).
    public func commRank(_ comm: UInt64) throws(TranslationError) -> Int64 {
        if isNull(comm, .comm) { return -1 }
        var rank: Int32 = 0
        guard mpiwasm_comm_rank(comm, &rank) == MPI_SUCCESS else { throw TranslationError(GuestErrorClass.comm, "invalid communicator") }
        return Int64(rank)
    }

    /// The dimensions of a cartesian communicator; 0 for one without (null, no topology or
    /// another kind), which the host refuses with its own error.
    public func cartNdims(_ comm: UInt64) -> Int64 {
        var ndims: Int32 = 0
        guard !isNull(comm, .comm) else { return 0 }
        return mpiwasm_cart_ndims(comm, &ndims) == MPI_SUCCESS ? Int64(ndims) : 0
    }

    /// The in- or out-degree of the communicator's topology (neighbourhood collectives); 0 for
    /// a communicator without one, which the host refuses (or on which it moves nothing).
    public func degree(_ comm: UInt64, incoming: Bool) -> Int64 {
        var indegree: Int32 = 0, outdegree: Int32 = 0
        guard !isNull(comm, .comm), mpiwasm_neighbor_counts(comm, &indegree, &outdegree) == MPI_SUCCESS else { return 0 }
        return Int64(incoming ? indegree : outdegree)
    }

    /// Whether a root-significant argument matters at this process: it is the root of an
    /// intracommunicator collective, or MPI_ROOT (guest -4) on an intercommunicator.
    public func isRoot(_ guestRoot: Int32, comm: UInt64) throws(TranslationError) -> Bool {
        if guestRoot == -4 { return true }
        return try Int64(guestRoot) == commRank(comm)
    }

    /// Element `index` of a guest int array, bounds-checked.
    public func element(_ guest: GuestInstance, _ address: UInt32, _ index: Int64) throws(TranslationError) -> Int64 {
        guard index >= 0 else { return 0 }
        let pointer = try bytes(guest, address &+ UInt32(truncatingIfNeeded: index * 4), 4)
        return Int64(pointer.loadUnaligned(as: Int32.self))
    }

    /// The sum of the first `count` elements of a guest int array.
    public func sum(_ guest: GuestInstance, _ address: UInt32, _ count: Int64) throws(TranslationError) -> Int64 {
        guard count > 0 else { return 0 }
        let pointer = try bytes(guest, address, Int(count) * 4)
        return (0..<Int(count)).reduce(Int64(0)) { $0 + Int64(pointer.loadUnaligned(fromByteOffset: $1 * 4, as: Int32.self)) }
    }

    /// A length the guest passed, refused when negative (the count's error class).
    public func length(_ value: Int64) throws(TranslationError) -> Int {
        guard value >= 0, value <= Int64(Int32.max) else { throw TranslationError(GuestErrorClass.count, "negative or huge length \(value)") }
        return Int(value)
    }
}

// MARK: Pointers the bindings pass through

extension BindingRuntime {
    /// A guest address as a host pointer when the host will not access it (a buffer that is not
    /// significant at this process, `MPI_Win_detach`'s base): 0 stays NULL, 1 is MPI_IN_PLACE.
    public func unchecked(_ guest: GuestInstance, _ address: UInt32) -> UnsafeMutableRawPointer? {
        if address == 0 { return nil }
        if address == 1 { return hostInPlace }
        let memory = knownMemory(guest)
        return memory.baseAddress.map { $0 + min(Int(address), memory.count) }
    }

    /// An array argument of `byteCount` bytes, checked; for the weights of a distributed
    /// graph (`weights`), the ABI's sentinels (MPI_UNWEIGHTED 10, MPI_WEIGHTS_EMPTY 11) become
    /// the host's (elsewhere 10 and 11 are addresses like any other, checked: the host would
    /// read or write the sentinel's own storage); NULL stays NULL where MPI ignores the array
    /// (`nullAllowed`) and is refused where the call uses its elements.
    public func array(_ guest: GuestInstance, _ address: UInt32, _ byteCount: Int, nullAllowed: Bool = false, weights: Bool = false) throws(TranslationError) -> UnsafeMutableRawPointer? {
        switch address {
        case 0:
            if nullAllowed { return nil }
            // Natively the library would read or write through the null pointer (Open MPI 4.1's
            // MPI_T_category_get_cvars does, unchecked).
            guard byteCount == 0 else {
                throw TranslationError(GuestErrorClass.arg, "a null pointer where the call uses an array of \(byteCount) bytes")
            }
            // An empty array: Open MPI 4.1 follows some null ones even so (MPI_Cart_sub's
            // remain_dims on a communicator without topology), so it gets a pointer to nothing.
            return knownMemory(guest).baseAddress
        case 10 where weights: return hostUnweighted
        case 11 where weights: return hostWeightsEmpty
        default: return try bytes(guest, address, byteCount)
        }
    }

    /// A host value for a narrower guest type, or MPI_ERR_VALUE_TOO_LARGE.
    @inlinable
    public func narrow<Value: BinaryInteger, Guest: FixedWidthInteger>(_ value: Value, to: Guest.Type) throws(TranslationError) -> Guest {
        guard let narrowed = Guest(exactly: value) else {
            throw TranslationError(GuestErrorClass.valueTooLarge, "\(value) does not fit the guest's \(Guest.self)")
        }
        return narrowed
    }

    public var statusesIgnore: UnsafeMutableRawPointer? { hostStatusesIgnore }
}

// MARK: Per-rank buffers (v and w collectives)

extension BindingRuntime {
    /// A buffer of per-rank blocks, checked as the union of its blocks: `counts[i]` elements at
    /// displacement `displacements[i]` (in extents of the datatype, or in bytes for w
    /// collectives), or one after another when there are no displacements.
    ///
    /// - Parameters:
    ///   - datatypes: one host datatype per rank (w collectives) or a single one repeated.
    ///   - displacements: guest `int` or `MPI_Aint` elements, both 32 bits wide.
    public func perRankBuffer(
        _ guest: GuestInstance, _ address: UInt32, counts: UInt32, displacements: UInt32?, bytes: Bool,
        ranks: Int64, datatypes: (Int) -> UInt64
    ) throws(TranslationError) -> UnsafeMutableRawPointer? {
        if address == 1 { return hostInPlace }
        let n = try length(ranks)
        var lower = Int64.max, upper = Int64.min, running: Int64 = 0
        for rank in 0..<n {
            let count = try element(guest, counts, Int64(rank))
            guard count >= 0 else { throw TranslationError(GuestErrorClass.count, "negative count \(count) for rank \(rank)") }
            let e = try extentsOf(datatypes(rank))
            guard e.committed || count == 0 else { throw Self.notCommitted }
            let displacement = try displacements.map { address throws(TranslationError) in try element(guest, address, Int64(rank)) } ?? running
            running += count
            guard count > 0, e.trueExtent != 0 else { continue }
            guard e.trueExtent > 0 else { throw Self.overflowedType(e.trueExtent) }
            let (offset, o1) = bytes ? (displacement, false) : displacement.multipliedReportingOverflow(by: e.extent)
            let (start, o2) = Int64(address).addingReportingOverflow(offset)
            guard !o1, !o2, let block = Self.span(from: start, count: count, e) else {
                throw TranslationError(GuestErrorClass.buffer, "the block of rank \(rank) spans more than 64-bit addresses reach")
            }
            lower = min(lower, block.lower)
            upper = max(upper, block.upper)
        }
        let memory = self.memory(guest, reaching: upper)
        if lower <= upper {
            guard lower >= 0, upper <= Int64(memory.count) else {
                throw TranslationError(GuestErrorClass.buffer, "per-rank buffer at \(address) spans [\(lower), \(upper)), outside linear memory of \(memory.count) bytes")
            }
        }
        return memory.baseAddress.map { $0 + min(Int(address), memory.count) }
    }
}
