/// What a host function sees of the running module: its linear memory and its exports.
public protocol GuestInstance: AnyObject {
    /// Linear memory as it is now: the base never moves (engines run with a reserved region),
    /// the size may grow between calls.
    var memory: UnsafeMutableRawBufferPointer { get }

    /// Linear memory as far as it is known to reach, cheaper to read than `memory`: the same
    /// base, a size that may lag behind the module's latest growth. Memory never shrinks, so a
    /// range inside it is inside memory; a range beyond it must be checked against `memory`.
    var knownMemory: UnsafeMutableRawBufferPointer { get }

    /// Where the engine keeps `knownMemory` up to date, valid as long as the instance lives, or
    /// nil. Host functions read it there instead of calling `knownMemory` through the protocol
    /// on every pointer argument.
    var knownMemoryRecord: UnsafePointer<KnownMemory>? { get }

    /// Calls an exported function with raw arguments (i32/i64 as integers, floats as bit
    /// patterns) and returns its `resultCount` raw results.
    func call(_ export: String, _ arguments: [UInt64], resultCount: Int) throws -> [UInt64]

    func hasExport(_ name: String) -> Bool
}

extension GuestInstance {
    public var knownMemory: UnsafeMutableRawBufferPointer { memory }
    public var knownMemoryRecord: UnsafePointer<KnownMemory>? { nil }
}

/// Linear memory as far as it is known to reach (`GuestInstance.knownMemory`).
@frozen
public struct KnownMemory {
    public var base: UnsafeMutableRawPointer?
    public var size: Int

    public init(base: UnsafeMutableRawPointer?, size: Int) {
        self.base = base
        self.size = size
    }

    @inlinable public var buffer: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: base, count: size) }
}
