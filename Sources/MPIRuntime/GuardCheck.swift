import Foundation
import WasmEngine

/// `mpiwasm run --check-guards`: serves `mpiwasm.check_guards() -> i32` to the module (the fuzz
/// program calls it after every batch), which checks that nothing the bindings did reached host
/// memory outside linear memory:
///
/// - the pages just below and just above linear memory are still inaccessible, so a host
///   access one byte outside it would have faulted (and the run would have died);
/// - canary blocks in the host's heap, allocated among MPI's and the runtime's own objects
///   when the module starts, still hold their pattern.
///
/// It returns the number of problems, each also described on stderr.
final class GuardCheck: @unchecked Sendable {
    private let canaries: [UnsafeMutableRawBufferPointer]
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
            let mappings = Self.mappings()
            for (what, address) in [("below", base - 1), ("above", base + UInt(memory.count))] {
                if let mapping = mappings.first(where: { $0.range.contains(address) }), mapping.accessible {
                    problems.append("the page \(what) linear memory (\(String(address, radix: 16))) is accessible (\(mapping.permissions)): an access there would not fault")
                }
            }
        }
        problems.forEach(log)
        return problems
    }

    struct Mapping {
        let range: Range<UInt>
        let permissions: String
        var accessible: Bool { permissions.contains("r") || permissions.contains("w") }
    }

    /// This process's mappings, from /proc/self/maps.
    static func mappings() -> [Mapping] {
        guard let text = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            let bounds = fields.first?.split(separator: "-").compactMap { UInt($0, radix: 16) } ?? []
            guard fields.count >= 2, bounds.count == 2, bounds[0] < bounds[1] else { return nil }
            return Mapping(range: bounds[0]..<bounds[1], permissions: String(fields[1]))
        }
    }
}
