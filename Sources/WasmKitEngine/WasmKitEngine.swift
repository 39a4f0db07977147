import Glibc
import WasmEngine
// The store's resource limiter is SPI in WasmKit 0.4.2 ("consider making this public").
@_spi(Fuzzing) import WasmKit
import WasmKitWASI

/// The engine that is always there: WasmKit, an interpreter in pure Swift.
///
/// Linear memory lives in WasmKit's mprotect storage, a reserved 4 GiB region that never moves
/// when the module grows its memory; where WasmKit would fall back to malloc'ed storage (which
/// moves), this engine refuses to run.
public final class WasmKitEngine: WasmEngine.Engine {
    public let name = "wasmkit"
    public var memoryLimit: Int?

    public init() {}

    public func run(module bytes: [UInt8], hostFunctions: [WasmEngine.HostFunction], wasi: WASIOptions) throws -> Int32 {
        let engine = WasmKit.Engine(configuration: EngineConfiguration(memoryBoundsChecking: .mprotect))
        guard engine.configuration.memoryBoundsChecking == .mprotect else {
            throw EngineError.unavailable("WasmKit cannot reserve linear memory with mprotect here, so memory could move while MPI uses it")
        }
        let module: Module
        do { module = try parseWasm(bytes: bytes) } catch { throw EngineError.invalidModule("\(error)") }

        let store = Store(engine: engine)
        if let memoryLimit { store.resourceLimiter = MemoryLimiter(bytes: memoryLimit) }
        let stdout = try LineForwarder(target: 1), stderr = try LineForwarder(target: 2)
        defer {
            stdout.finish()
            stderr.finish()
        }
        let bridge: WASIBridgeToHost
        do {
            bridge = try WASIBridgeToHost(
                args: wasi.arguments,
                environment: Dictionary(wasi.environment.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
                preopens: wasi.preopens.map { WASIBridgeToHost.Preopen(guestPath: $0.guestPath, hostPath: $0.hostPath) },
                stdout: stdout.writeEnd, stderr: stderr.writeEnd)
        } catch {
            throw EngineError.instantiation("WASI: \(error)")
        }
        defer { try? bridge.close() }
        var imports = Imports()
        bridge.link(to: &imports, store: store)
        let guest = WasmKitGuest()
        for function in hostFunctions {
            imports.define(module: function.module, name: function.name, Self.adapt(function, guest: guest, store: store))
        }

        let instance: Instance
        do { instance = try module.instantiate(store: store, imports: imports) } catch {
            throw EngineError.instantiation("\(error)")
        }
        guest.instance = instance
        guest.reserveGuardBelow()
        do {
            return Int32(bitPattern: try bridge.start(instance))
        } catch let trap as Trap {
            throw Self.engineError(trap)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.trap(message: "\(error)", backtrace: [])
        }
    }

    /// A host function as WasmKit's raw implementation: the arguments are copied into a frame of
    /// 8-byte slots (WasmKit hands over `Value`s), the body runs, results are read back.
    static func adapt(_ function: WasmEngine.HostFunction, guest: WasmKitGuest, store: Store) -> Function {
        let parameters = function.type.parameters.map(Self.valueType)
        let results = function.type.results.map(Self.valueType)
        let slots = max(parameters.count, results.count, 1)
        return Function(store: store, parameters: parameters, results: results) { _, arguments, out in
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slots) { buffer in
                for (index, value) in arguments.enumerated() { buffer[index] = Self.raw(value) }
                try function.body(guest, HostCallFrame(slots: UnsafeMutableRawPointer(buffer.baseAddress!), stride: 8))
                for (index, type) in results.enumerated() { out[index] = Self.value(buffer[index], type) }
            }
        }
    }

    static func valueType(_ type: WasmEngine.ValueType) -> WasmKit.ValueType {
        switch type {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        }
    }

    static func raw(_ value: Value) -> UInt64 {
        switch value {
        case .i32(let v): return UInt64(v)
        case .i64(let v): return v
        case .f32(let v): return UInt64(v)
        case .f64(let v): return v
        default: return 0
        }
    }

    static func value(_ raw: UInt64, _ type: WasmKit.ValueType) -> Value {
        switch type {
        case .i32: return .i32(UInt32(truncatingIfNeeded: raw))
        case .i64: return .i64(raw)
        case .f32: return .f32(UInt32(truncatingIfNeeded: raw))
        default: return .f64(raw)
        }
    }

    static func engineError(_ trap: Trap) -> EngineError {
        let lines = trap.description.split(separator: "\n").map(String.init)
        let message = (lines.first ?? "trap").replacingPrefix("Trap: ")
        return .trap(message: message, backtrace: lines.dropFirst().map { $0.trimmingLeadingSpaces })
    }
}

/// Denies memory growth beyond the user's limit (`--max-memory`).
final class MemoryLimiter: ResourceLimiter {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    func limitMemoryGrowth(to desired: Int) throws -> Bool { desired <= bytes }
    func limitTableGrowth(to desired: Int) throws -> Bool { true }
}

/// The running instance, as host functions see it.
final class WasmKitGuest: GuestInstance {
    var instance: Instance? {
        didSet { exportedMemory = instance?.exports[memory: "memory"] }
    }
    private var exportedMemory: WasmKit.Memory?
    private var base: UnsafeMutableRawPointer?
    private var knownSize = 0

    var memory: UnsafeMutableRawBufferPointer {
        guard let memory = exportedMemory else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        let count = memory.byteCount
        let start = memory.withUnsafeMutableBufferPointer(offset: 0, count: count) { $0.baseAddress }
        if base == nil { base = start }
        precondition(count == 0 || start == base, "linear memory moved: WasmKit storage must be reserved (mprotect)")
        knownSize = count
        return UnsafeMutableRawBufferPointer(start: start, count: count)
    }

    /// WasmKit reserves linear memory without a guard before it, and the next mapping the process
    /// makes (top-down) may land right below it: an inaccessible 64 KiB is put there first, when
    /// the address range is free, so that an access just below linear memory faults as on
    /// Wasmtime (the bindings never form one: guest addresses are unsigned offsets).
    func reserveGuardBelow() {
        guard let start = memory.baseAddress, UInt(bitPattern: start) > 1 << 16 else { return }
        let guardSize = 1 << 16
        let result = mmap(start - guardSize, guardSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0)
        if result != MAP_FAILED, result != start - guardSize, let result { munmap(result, guardSize) }
    }

    /// The last size read serves until a range lies beyond it (memory never shrinks).
    var knownMemory: UnsafeMutableRawBufferPointer {
        guard base != nil else { return memory }
        return UnsafeMutableRawBufferPointer(start: base, count: knownSize)
    }

    func call(_ export: String, _ arguments: [UInt64], resultCount: Int) throws -> [UInt64] {
        guard let function = instance?.exports[function: export] else { throw HostTrap("the module does not export \(export)") }
        let values = zip(arguments, function.type.parameters).map { WasmKitEngine.value($0, $1) }
        let results = try function(values).map(WasmKitEngine.raw)
        guard results.count == resultCount else { throw HostTrap("\(export) returned \(results.count) results, not \(resultCount)") }
        return results
    }

    func hasExport(_ name: String) -> Bool { instance?.exports[name] != nil }
}

extension String {
    func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
