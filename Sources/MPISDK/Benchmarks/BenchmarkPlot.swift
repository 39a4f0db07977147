import Foundation

/// An SVG chart of the point-to-point rows: latency and bandwidth against message size, one
/// line per build (native and each engine), log scales, so that the gap shows at a glance.
public struct BenchmarkPlot: Sendable {
    public let report: BenchmarkReport

    public init(report: BenchmarkReport) { self.report = report }

    static let colors = ["native": "#222222", "wasmtime": "#d9480f", "wasmkit": "#1c7ed6"]
    static let panelWidth = 460.0, panelHeight = 320.0, margin = 56.0

    public var svg: String {
        let panels = [("latency", "one-way latency (us)"), ("bandwidth", "bandwidth (MB/s)")]
        let width = Double(panels.count) * (Self.panelWidth + Self.margin) + Self.margin
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(Self.panelHeight + 2 * Self.margin + 20))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        for (index, panel) in panels.enumerated() {
            out += self.panel(row: panel.0, title: panel.1, left: Self.margin + Double(index) * (Self.panelWidth + Self.margin))
        }
        var legendX = Self.margin
        for variant in ["native"] + report.engines {
            let color = Self.colors[variant] ?? "#666666"
            out += "<line x1=\"\(legendX)\" y1=\"\(Self.panelHeight + 2 * Self.margin)\" x2=\"\(legendX + 24)\" y2=\"\(Self.panelHeight + 2 * Self.margin)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(legendX + 30)\" y=\"\(Self.panelHeight + 2 * Self.margin + 4)\">\(variant)</text>\n"
            legendX += 120
        }
        return out + "</svg>\n"
    }

    func panel(row: String, title: String, left: Double) -> String {
        let rows = report.rows.filter { $0.benchmark == "p2p" && $0.row == row }
        let values = rows.flatMap { $0.medians.values }.filter { $0 > 0 && $0.isFinite }
        guard let minX = rows.map(\.x).min(), let maxX = rows.map(\.x).max(), let minY = values.min(), let maxY = values.max(), maxX > minX else {
            return ""
        }
        let top = Self.margin, bottom = Self.margin + Self.panelHeight
        let lx0 = log2(Double(minX)), lx1 = log2(Double(maxX))
        let ly0 = floor(log10(minY)), ly1 = max(ceil(log10(maxY)), ly0 + 1)
        func px(_ x: Int) -> Double { left + (log2(Double(x)) - lx0) / (lx1 - lx0) * Self.panelWidth }
        func py(_ y: Double) -> Double { bottom - (log10(y) - ly0) / (ly1 - ly0) * Self.panelHeight }
        var out = "<text x=\"\(left)\" y=\"\(top - 12)\" font-size=\"13\">\(title) against message size</text>\n"
        out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(Self.panelWidth)\" height=\"\(Self.panelHeight)\" fill=\"none\" stroke=\"#999\"/>\n"
        var decade = ly0
        while decade <= ly1 {
            let y = py(pow(10, decade))
            out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + Self.panelWidth)\" y2=\"\(y)\" stroke=\"#eee\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(Self.label(pow(10, decade)))</text>\n"
            decade += 1
        }
        for x in rows.map(\.x) where Int(log2(Double(x))) % 3 == 0 {
            out += "<text x=\"\(px(x))\" y=\"\(bottom + 16)\" text-anchor=\"middle\">\(BenchmarkReport.size(rows.first { $0.x == x }!))</text>\n"
        }
        for variant in ["native"] + report.engines {
            let points = rows.compactMap { row in row.medians[variant].map { "\(px(row.x)),\(py($0))" } }
            guard points.count > 1 else { continue }
            out += "<polyline fill=\"none\" stroke=\"\(Self.colors[variant] ?? "#666666")\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        return out
    }

    static func label(_ value: Double) -> String {
        value >= 1 ? String(format: "%.0f", value) : String(format: "%g", value)
    }
}
