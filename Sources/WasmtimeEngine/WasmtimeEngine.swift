import CWasmtime
import Foundation
import Glibc
import WasmEngine

/// Wasmtime through its C API: compiled code, close to native speed.
///
/// Linear memory is kept in a reserved 4 GiB region and Wasmtime is told it may never move
/// (`memory_may_move = false`), so pointers the host MPI holds stay valid while the module
/// grows its memory.
public final class WasmtimeEngine: Engine {
    public let name = "wasmtime"
    let api: mpiwasm_wasmtime_api
    /// Where the library was loaded from (for `--verbose`).
    public let libraryPath: String
    /// Says whether the compiled module came from the cache (for `--verbose`).
    public var log: ((String) -> Void)?
    public var memoryLimit: Int?
    /// Write `/tmp/perf-PID.map` so that `perf report` names the module's compiled functions
    /// and Wasmtime's trampolines (`--perf-map`).
    public var perfMap = false

    public init() throws {
        switch WasmtimeLibrary.shared {
        case .success(let loaded):
            api = loaded.api
            libraryPath = loaded.path
        case .failure(let error):
            throw EngineError.unavailable(error.description)
        }
    }

    public func run(module bytes: [UInt8], hostFunctions: [HostFunction], wasi: WASIOptions) throws -> Int32 {
        let config = api.wasm_config_new()!
        // Keep in step with `configuration`.
        api.wasmtime_config_memory_reservation_set(config, 1 << 32)
        api.wasmtime_config_memory_reservation_for_growth_set(config, 0)
        api.wasmtime_config_memory_may_move_set(config, false)
        // WASMTIME_PROFILING_STRATEGY_PERFMAP: /tmp/perf-PID.map names the module's functions.
        if perfMap { api.wasmtime_config_profiler_set(config, 3) }
        guard let engine = api.wasm_engine_new_with_config(config) else { throw EngineError.unavailable("Wasmtime could not create an engine") }
        defer { api.wasm_engine_delete(engine) }

        let module = try compile(bytes, engine: engine)
        defer { api.wasmtime_module_delete(module) }

        let linker = api.wasmtime_linker_new(engine)!
        defer { api.wasmtime_linker_delete(linker) }
        if let error = api.wasmtime_linker_define_wasi(linker) { throw EngineError.instantiation(api.consume(error)) }
        let guest = WasmtimeGuest(api: api)
        for function in hostFunctions { try define(function, guest: guest, in: linker) }

        let store = api.wasmtime_store_new(engine, nil, nil)!
        defer { api.wasmtime_store_delete(store) }
        if let memoryLimit { api.wasmtime_store_limiter(store, Int64(memoryLimit), -1, -1, -1, -1) }
        let context = api.wasmtime_store_context(store)!
        guest.context = context
        if let error = api.wasmtime_context_set_wasi(context, try wasiConfig(wasi)) { throw EngineError.instantiation(api.consume(error)) }

        var trap: OpaquePointer?
        if let error = api.wasmtime_linker_instantiate(linker, context, module, &guest.state.pointee.instance, &trap) {
            throw EngineError.instantiation(api.consume(error))
        }
        if let trap { throw EngineError.instantiation(api.describe(trap).message) }
        guest.bindMemory()
        var start = wasmtime_extern_t()
        guard guest.export("_start", into: &start), start.kind == UInt8(MPIWASM_WASMTIME_EXTERN_FUNC) else {
            throw EngineError.instantiation("the module has no _start function (is it a WASI command?)")
        }
        let error = withUnsafeBytes(of: &start.of) { api.wasmtime_func_call_unchecked(context, $0.baseAddress, nil, 0, &trap) }
        if let error {
            var status: Int32 = 0
            if api.wasmtime_error_exit_status(error, &status) {
                api.wasmtime_error_delete(error)
                return status
            }
            throw EngineError.trap(message: api.consume(error), backtrace: [])
        }
        if let trap {
            let (message, backtrace) = api.describe(trap)
            throw EngineError.trap(message: message, backtrace: backtrace)
        }
        return 0
    }

    /// The configuration that compiled code depends on, part of the cache key.
    static let configuration = "memory_reservation=4GiB;reservation_for_growth=0;may_move=false"

    /// The compiled module: from the cache when an entry fits, else compiled and cached.
    func compile(_ bytes: [UInt8], engine: OpaquePointer) throws -> OpaquePointer? {
        let cache = ModuleCache.configured(libraryPath: libraryPath, configuration: Self.configuration)
        let key = cache?.key(for: bytes)
        var module: OpaquePointer?
        if let cache, let key, let compiled = cache.load(key) {
            if let error = compiled.withUnsafeBufferPointer({ api.wasmtime_module_deserialize(engine, $0.baseAddress, $0.count, &module) }) {
                log?("module cache: \(cache.entry(key).path) does not fit this engine (\(api.consume(error))); compiling")
            } else {
                log?("module cache: compiled module from \(cache.entry(key).path)")
                return module
            }
        }
        if let error = bytes.withUnsafeBufferPointer({ api.wasmtime_module_new(engine, $0.baseAddress, $0.count, &module) }) {
            throw EngineError.invalidModule(api.consume(error))
        }
        if let cache, let key {
            var serialized = wasm_byte_vec_t()
            if api.wasmtime_module_serialize(module, &serialized) == nil {
                cache.store(key, UnsafeRawBufferPointer(start: serialized.data, count: serialized.size))
                api.wasm_byte_vec_delete(&serialized)
                log?("module cache: compiled and stored in \(cache.entry(key).path)")
            }
        }
        return module
    }

    /// Registers a host function with Wasmtime's unchecked calling convention: the arguments
    /// and results share one array of 16-byte slots, which becomes the body's frame.
    func define(_ function: HostFunction, guest: WasmtimeGuest, in linker: OpaquePointer) throws {
        let type = functionType(function.type)
        defer { api.wasm_functype_delete(type) }
        let box = Unmanaged.passRetained(HostCallBox(function: function, guest: guest)).toOpaque()
        let callback: wasmtime_func_unchecked_callback_t = { env, caller, slots, _ in
            // The box lives as long as the linker: no reference counting on this path.
            Unmanaged<HostCallBox>.fromOpaque(env!)._withUnsafeGuaranteedRef { box in
                // A host function may call back into the guest, which may call the host again:
                // each call uses its own caller's context (asked for when first needed: most
                // calls only read memory already known) and gives the outer one back.
                let state = box.state
                let outer = (state.pointee.caller, state.pointee.context)
                (state.pointee.caller, state.pointee.context) = (caller, nil)
                defer { (state.pointee.caller, state.pointee.context) = outer }
                do {
                    try box.function.body(box.guest, HostCallFrame(slots: UnsafeMutableRawPointer(slots!), stride: 16))
                    return nil
                } catch {
                    return box.trap(error)
                }
            }
        }
        let error = function.module.withCString { module in
            function.name.withCString { name in
                api.wasmtime_linker_define_func_unchecked(
                    linker, module, strlen(module), name, strlen(name), type, callback, box,
                    { Unmanaged<HostCallBox>.fromOpaque($0!).release() })
            }
        }
        if let error { throw EngineError.instantiation(api.consume(error)) }
    }

    func functionType(_ type: FunctionType) -> OpaquePointer {
        func vector(_ types: [ValueType]) -> wasm_valtype_vec_t {
            var vec = wasm_valtype_vec_t()
            let kinds: [OpaquePointer?] = types.map { type in
                switch type {
                case .i32: return api.wasm_valtype_new(wasm_valkind_t(MPIWASM_WASM_I32))
                case .i64: return api.wasm_valtype_new(wasm_valkind_t(MPIWASM_WASM_I64))
                case .f32: return api.wasm_valtype_new(wasm_valkind_t(MPIWASM_WASM_F32))
                case .f64: return api.wasm_valtype_new(wasm_valkind_t(MPIWASM_WASM_F64))
                }
            }
            if kinds.isEmpty { api.wasm_valtype_vec_new_empty(&vec) } else { api.wasm_valtype_vec_new(&vec, kinds.count, kinds) }
            return vec
        }
        var parameters = vector(type.parameters), results = vector(type.results)
        return api.wasm_functype_new(&parameters, &results)!
    }

    func wasiConfig(_ wasi: WASIOptions) throws -> OpaquePointer {
        let config = api.wasi_config_new()!
        guard withCStrings(wasi.arguments, { api.wasi_config_set_argv(config, wasi.arguments.count, $0) }) else {
            throw EngineError.instantiation("WASI arguments must be UTF-8")
        }
        let names = wasi.environment.map(\.name), values = wasi.environment.map(\.value)
        let environmentSet = withCStrings(names) { n in withCStrings(values) { v in api.wasi_config_set_env(config, names.count, n, v) } }
        guard environmentSet else { throw EngineError.instantiation("WASI environment must be UTF-8") }
        for preopen in wasi.preopens {
            guard api.wasi_config_preopen_dir(config, preopen.hostPath, preopen.guestPath, true) else {
                throw EngineError.instantiation("cannot pre-open directory \(preopen.hostPath)")
            }
        }
        api.wasi_config_inherit_stdin(config)
        // Output in whole lines, so ranks' lines do not interleave under mpirun.
        let write: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, Int) -> Int = { env, bytes, count in
            Unmanaged<LineBuffer>.fromOpaque(env!).takeUnretainedValue().append(UnsafeRawBufferPointer(start: bytes, count: count))
            return count
        }
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { env in
            let lines = Unmanaged<LineBuffer>.fromOpaque(env!).takeRetainedValue()
            lines.flush()
        }
        api.wasi_config_set_stdout_custom(config, write, Unmanaged.passRetained(LineBuffer(target: 1)).toOpaque(), release)
        api.wasi_config_set_stderr_custom(config, write, Unmanaged.passRetained(LineBuffer(target: 2)).toOpaque(), release)
        return config
    }
}

/// What a host-function callback needs; retained by Wasmtime until the linker is deleted.
/// The guest's state is held here too: reached through the guest, it was the end of a chain
/// of dependent loads at the start of every call (box, guest, state, saved context), which
/// `perf annotate` showed as the callback's slowest instructions.
final class HostCallBox {
    let function: HostFunction
    let guest: WasmtimeGuest
    let state: UnsafeMutablePointer<WasmtimeGuest.State>

    init(function: HostFunction, guest: WasmtimeGuest) {
        self.function = function
        self.guest = guest
        state = guest.state
    }

    /// The trap for an error the host function threw; out of line, so that the callback stays
    /// small enough to be compiled into its C entry point.
    @inline(never)
    func trap(_ error: any Error) -> OpaquePointer? {
        let message = "\(function.name): \(error)"
        return message.withCString { guest.api.wasmtime_trap_new($0, strlen($0)) }
    }
}

/// The running instance, as host functions see it.
///
/// What every host call reads (the store context, the memory) lives behind one pointer that
/// is allocated with the guest: reading it costs no reference counting or exclusivity checks.
final class WasmtimeGuest: GuestInstance {
    struct State {
        /// The store context, nil inside a host call until asked for (see `context`).
        var context: OpaquePointer?
        var instance = wasmtime_instance_t()
        var memory = wasmtime_extern_t()
        var hasMemory = false
        /// The base, and the size last read; memory never shrinks (see `knownMemory`).
        var known = KnownMemory(base: nil, size: 0)
        /// The caller of the host call running, if any. Not next to `context`: saved and
        /// restored around each host call, the two would be read back as one 16-byte load
        /// of two 8-byte stores, which the CPU cannot forward (a stall on every call).
        var caller: OpaquePointer?
    }

    let api: mpiwasm_wasmtime_api
    let state: UnsafeMutablePointer<State>

    init(api: mpiwasm_wasmtime_api) {
        self.api = api
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit { state.deallocate() }

    var context: OpaquePointer? {
        get {
            if state.pointee.context == nil, let caller = state.pointee.caller {
                state.pointee.context = api.wasmtime_caller_context(caller)
            }
            return state.pointee.context
        }
        set { state.pointee.context = newValue }
    }

    func export(_ name: String, into item: inout wasmtime_extern_t) -> Bool {
        name.withCString { api.wasmtime_instance_export_get(context, &state.pointee.instance, $0, strlen($0), &item) }
    }

    func bindMemory() {
        var memory = wasmtime_extern_t()
        state.pointee.hasMemory = export("memory", into: &memory) && memory.kind == UInt8(MPIWASM_WASMTIME_EXTERN_MEMORY)
        state.pointee.memory = memory
        if state.pointee.hasMemory {
            let context = self.context
            state.pointee.known.base = withUnsafeMutablePointer(to: &state.pointee.memory.of) { item in
                UnsafeMutableRawPointer(api.wasmtime_memory_data(context, UnsafeRawPointer(item)))
            }
            // Large pages for the reserved region, as large native buffers get them: MPI copies
            // messages straight from and into linear memory.
            if let base = state.pointee.known.base { _ = madvise(base, 1 << 32, MADV_HUGEPAGE) }
        }
    }

    /// The base was fetched once (memory never moves: `memory_may_move` is off), the size is
    /// read on each access (the module may have grown its memory since).
    var memory: UnsafeMutableRawBufferPointer {
        guard state.pointee.hasMemory else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        let context = self.context
        let count = withUnsafeMutablePointer(to: &state.pointee.memory.of) { item in
            api.wasmtime_memory_data_size(context, UnsafeRawPointer(item))
        }
        state.pointee.known.size = count
        return state.pointee.known.buffer
    }

    /// Reading the size costs a call into Wasmtime; the last size read serves until a range
    /// lies beyond it.
    var knownMemory: UnsafeMutableRawBufferPointer { state.pointee.known.buffer }

    var knownMemoryRecord: UnsafePointer<KnownMemory>? {
        UnsafeRawPointer(state).advanced(by: MemoryLayout<State>.offset(of: \.known)!).assumingMemoryBound(to: KnownMemory.self)
    }

    func call(_ export: String, _ arguments: [UInt64], resultCount: Int) throws -> [UInt64] {
        var function = wasmtime_extern_t()
        guard self.export(export, into: &function), function.kind == UInt8(MPIWASM_WASMTIME_EXTERN_FUNC) else {
            throw HostTrap("the module does not export \(export)")
        }
        var slots = [wasmtime_val_raw_t](repeating: wasmtime_val_raw_t(), count: max(arguments.count, resultCount, 1))
        for (index, argument) in arguments.enumerated() { slots[index].i64 = Int64(bitPattern: argument) }
        var trap: OpaquePointer?
        let error = withUnsafeBytes(of: &function.of) { item in
            api.wasmtime_func_call_unchecked(context, item.baseAddress, &slots, slots.count, &trap)
        }
        if let error { throw HostTrap("\(export) failed: \(api.consume(error))") }
        if let trap { throw HostTrap("\(export) trapped: \(api.describe(trap).message)") }
        return slots.prefix(resultCount).map { UInt64(bitPattern: $0.i64) }
    }

    func hasExport(_ name: String) -> Bool {
        var item = wasmtime_extern_t()
        return export(name, into: &item)
    }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers = copies.map { UnsafePointer<CChar>($0) }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}
