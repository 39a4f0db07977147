/// A function the host provides to the guest, defined the same way for every engine.
///
/// The body reads its arguments from and writes its results to a `HostCallFrame` that lives in
/// the engine's own argument storage, so a call allocates nothing on engines that allow it.
public struct HostFunction: @unchecked Sendable {
    public let module: String
    public let name: String
    public let type: FunctionType
    public let body: (GuestInstance, HostCallFrame) throws -> Void

    public init(module: String, name: String, type: FunctionType, body: @escaping (GuestInstance, HostCallFrame) throws -> Void) {
        self.module = module
        self.name = name
        self.type = type
        self.body = body
    }
}

/// Arguments, then results written over them from slot 0: the calling convention of
/// Wasmtime's unchecked host functions, which the WasmKit adapter reproduces.
@frozen
public struct HostCallFrame {
    @usableFromInline let slots: UnsafeMutableRawPointer
    @usableFromInline let stride: Int

    public init(slots: UnsafeMutableRawPointer, stride: Int) {
        self.slots = slots
        self.stride = stride
    }

    @inlinable public func i32(_ index: Int) -> Int32 { slots.load(fromByteOffset: index * stride, as: Int32.self) }
    @inlinable public func u32(_ index: Int) -> UInt32 { slots.load(fromByteOffset: index * stride, as: UInt32.self) }
    @inlinable public func i64(_ index: Int) -> Int64 { slots.load(fromByteOffset: index * stride, as: Int64.self) }
    @inlinable public func f32(_ index: Int) -> Float { slots.load(fromByteOffset: index * stride, as: Float.self) }
    @inlinable public func f64(_ index: Int) -> Double { slots.load(fromByteOffset: index * stride, as: Double.self) }

    @inlinable public func setI32(_ index: Int, _ value: Int32) { slots.storeBytes(of: Int64(value), toByteOffset: index * stride, as: Int64.self) }
    @inlinable public func setI64(_ index: Int, _ value: Int64) { slots.storeBytes(of: value, toByteOffset: index * stride, as: Int64.self) }
    @inlinable public func setF32(_ index: Int, _ value: Float) {
        slots.storeBytes(of: UInt64(value.bitPattern), toByteOffset: index * stride, as: UInt64.self)
    }
    @inlinable public func setF64(_ index: Int, _ value: Double) { slots.storeBytes(of: value, toByteOffset: index * stride, as: Double.self) }
}

/// Thrown by a host function to trap the guest with a message (a host-side error the guest
/// cannot handle, such as a broken runtime invariant).
public struct HostTrap: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
