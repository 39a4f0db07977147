import Foundation

/// Medians per row and the wasm/native cost ratio, as a Markdown table and a CSV.
///
/// The ratio is a cost: wasm time over native time, or native bandwidth over wasm bandwidth,
/// so that above 1 always means the wasm build is slower.
public struct BenchmarkReport: Sendable {
    public struct Row: Sendable, Equatable {
        public let benchmark: String
        public let row: String
        public let x: Int
        public let unit: String
        /// Median per variant (`native`, `wasmtime`, `wasmkit`).
        public let medians: [String: Double]
        public let samples: Int
    }

    public let rows: [Row]
    public let engines: [String]

    public init(samples: [BenchmarkSample], engines: [String]) {
        self.engines = engines
        var groups: [String: [BenchmarkSample]] = [:]
        var order: [String] = []
        for sample in samples {
            let key = "\(sample.benchmark)|\(sample.row)|\(sample.x)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(sample)
        }
        rows = order.map { key in
            let group = groups[key]!
            let variants = Dictionary(grouping: group, by: \.variant).mapValues { Self.median($0.map(\.value)) }
            let counts = Dictionary(grouping: group, by: \.variant).mapValues(\.count)
            return Row(benchmark: group[0].benchmark, row: group[0].row, x: group[0].x, unit: group[0].unit,
                       medians: variants, samples: counts.values.min() ?? 0)
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// wasm cost over native for `engine` (nil when either is missing).
    public func ratio(_ row: Row, _ engine: String) -> Double? {
        guard let native = row.medians["native"], let wasm = row.medians[engine], native > 0, wasm > 0 else { return nil }
        return row.unit.hasSuffix("/s") ? native / wasm : wasm / native
    }

    public var markdown: String {
        var header = "| benchmark | row | size | unit | native |"
        var rule = "|---|---|---:|---|---:|"
        for engine in engines {
            header += " \(engine) | \(engine)/native |"
            rule += "---:|---:|"
        }
        var lines = [header, rule]
        // Checksums are compared, not timed (BenchmarkRunner.checkChecksums).
        for row in rows where row.benchmark != "checksum" {
            var line = "| \(row.benchmark) | \(row.row) | \(Self.size(row)) | \(row.unit) | \(Self.number(row.medians["native"])) |"
            for engine in engines {
                line += " \(Self.number(row.medians[engine])) | \(ratio(row, engine).map { String(format: "%.3f", $0) } ?? "-") |"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var csv: String {
        var lines = ["benchmark,row,x,unit,samples,native" + engines.map { ",\($0),\($0)_ratio" }.joined()]
        for row in rows {
            var line = "\(row.benchmark),\(row.row),\(row.x),\(row.unit),\(row.samples),\(row.medians["native"].map { "\($0)" } ?? "")"
            for engine in engines {
                line += ",\(row.medians[engine].map { "\($0)" } ?? ""),\(ratio(row, engine).map { String(format: "%.4f", $0) } ?? "")"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func size(_ row: Row) -> String {
        guard row.benchmark == "p2p" || row.benchmark == "collectives" else { return row.x == 0 ? "" : "\(row.x)" }
        if row.x >= 1 << 20 { return "\(row.x >> 20) MiB" }
        if row.x >= 1 << 10 { return "\(row.x >> 10) KiB" }
        return "\(row.x) B"
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        if value >= 1000 { return String(format: "%.0f", value) }
        if value >= 1 { return String(format: "%.3g", value) }
        return String(format: "%.4g", value)
    }
}
