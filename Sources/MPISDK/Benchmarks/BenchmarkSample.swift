/// One measurement a benchmark printed (`benchmark,row,x,value,unit`), from one build.
public struct BenchmarkSample: Sendable, Hashable {
    /// `p2p`, `collectives`, `calls`, `kernels`, `startup`, `memory`, `checksum`.
    public let benchmark: String
    /// `latency`, `allreduce`, `MPI_Comm_rank`, `cg`, ...
    public let row: String
    /// The message size in bytes, the problem size, or 0.
    public let x: Int
    public let value: Double
    public let unit: String
    /// `native`, or the engine that ran the wasm build.
    public let variant: String

    public init(benchmark: String, row: String, x: Int, value: Double, unit: String, variant: String) {
        self.benchmark = benchmark
        self.row = row
        self.x = x
        self.value = value
        self.unit = unit
        self.variant = variant
    }

    /// The samples in a benchmark's output; other lines are ignored.
    public static func parse(_ output: String, variant: String) -> [BenchmarkSample] {
        output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let x = Int(fields[2]), let value = Double(fields[3]) else { return nil }
            return BenchmarkSample(benchmark: fields[0], row: fields[1], x: x, value: value, unit: fields[4], variant: variant)
        }
    }

    /// Whether more is better (bandwidth), so that the cost ratio inverts it.
    public var higherIsBetter: Bool { unit.hasSuffix("/s") }
}
