import Foundation
import WasmEngine

/// `mpiwasm run --check-guards`: serves `mpiwasm.check_guards() -> i32` to the module (the fuzz
/// program calls it after every batch), which checks that nothing the bindings did reached host
/// memory outside linear memory:
///
/// - the bytes just below and just above linear memory are still unreadable, so a host
///   access one byte outside it would have faulted (and the run would have died);
/// - canary blocks in the host's heap, allocated among MPI's and the runtime's own objects
///   when the module starts, still hold their pattern.
///
/// It returns the number of problems, each also described on stderr.
final class GuardCheck: @unchecked Sendable {
    let canaries: [UnsafeMutableRawBufferPointer]
    private let log: (String) -> Void

    init(log: @escaping (String) -> Void) {
        self.log = log
        // Sizes from a few bytes to 64 KiB, as the host's own allocations come.
        canaries = (0..<24).map { index in
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 24 << (index % 12), alignment: 16)
            for offset in block.indices { block[offset] = Self.pattern(index, offset) }
            return block
        }
    }

    static func pattern(_ block: Int, _ offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: block &* 131 &+ offset &* 7 &+ 0x5A) }

    var hostFunction: HostFunction {
        HostFunction(module: "mpiwasm", name: "check_guards", type: FunctionType([], [.i32])) { [self] instance, frame in
            frame.setI32(0, Int32(clamping: problems(around: instance.memory).count))
        }
    }

    func problems(around memory: UnsafeMutableRawBufferPointer) -> [String] {
        var problems: [String] = []
        for (index, block) in canaries.enumerated() {
            if let offset = block.indices.first(where: { block[$0] != Self.pattern(index, $0) }) {
                problems.append("canary block \(index) (\(block.count) bytes in the host heap) changed at byte \(offset)")
            }
        }
        if let base = memory.baseAddress.map({ UInt(bitPattern: $0) }) {
            for (what, address) in [("below", base - 1), ("above", base + UInt(memory.count))] where isReadable(address) {
                problems.append("the byte \(what) linear memory (\(String(address, radix: 16))) is readable: an access there would not fault")
            }
        }
        problems.forEach(log)
        return problems
    }

    /// Whether the byte at `address` can be read, asked of the kernel without touching it: a
    /// write from it into a pipe fails with EFAULT when it cannot.
    func isReadable(_ address: UInt) -> Bool {
        guard let pointer = UnsafeRawPointer(bitPattern: address) else { return false }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        defer { close(ends[0]); close(ends[1]) }
        return write(ends[1], pointer, 1) == 1
    }
}
