import Foundation
import MPISDK
import TestSupport
import Testing

/// `mpiwasm-sdk bench`: what it reports from the samples, and one real run of the start-up
/// benchmark (the speed itself is the benchmark's to print, never a test's to assert).
@Suite(.serialized) struct BenchmarkTests {
    static func samples(_ variant: String, _ values: [Double], row: String = "latency", unit: String = "us") -> [BenchmarkSample] {
        values.map { BenchmarkSample(benchmark: "p2p", row: row, x: 8, value: $0, unit: unit, variant: variant) }
    }

    @Test func theReportShowsMediansAndACostRatioThatInvertsBandwidth() throws {
        let samples = Self.samples("native", [1, 9, 2]) + Self.samples("wasmtime", [3, 2.5, 100])
            + Self.samples("native", [100, 200, 150], row: "bandwidth", unit: "MB/s") + Self.samples("wasmtime", [75, 80, 70], row: "bandwidth", unit: "MB/s")
        let report = BenchmarkReport(samples: samples, engines: ["wasmtime"])
        let latency = try #require(report.rows.first { $0.row == "latency" })
        #expect(latency.medians == ["native": 2, "wasmtime": 3])
        #expect(report.ratio(latency, "wasmtime") == 1.5)
        let bandwidth = try #require(report.rows.first { $0.row == "bandwidth" })
        #expect(report.ratio(bandwidth, "wasmtime") == 2, "native 150 MB/s over wasm 75 MB/s: twice the cost")
        #expect(report.markdown.contains("| p2p | latency | 8 B | us | 2 | 3 | 1.500 |"), "\(report.markdown)")
        #expect(report.csv.split(separator: "\n").first == "benchmark,row,x,unit,samples,native,wasmtime,wasmtime_ratio")
        #expect(BenchmarkSample.parse("noise\np2p,latency,8,0.5,us\n", variant: "native").count == 1)
    }

    @Test func thePlotDrawsOneLinePerBuild() {
        let sizes = [8, 64, 512, 4096]
        let samples = sizes.flatMap { x in
            ["native", "wasmtime"].map { BenchmarkSample(benchmark: "p2p", row: "latency", x: x, value: Double(x) / 100 + 1, unit: "us", variant: $0) }
        }
        let svg = BenchmarkPlot(report: BenchmarkReport(samples: samples, engines: ["wasmtime"])).svg
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
    }

    @Test func benchRunsNativeAndWasmInOneInvocationAndWritesItsReports() throws {
        let output = try Shell.temporaryDirectory("bench")
        let result = try Shell.run(Repository.sdkExecutable, ["bench", "--only", "startup", "--repetitions", "2", "--output", output.path],
                                   environment: ["MPIWASM_HOME": Repository.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("[4/4] repetition 2: startup wasmtime"), "progress while it runs: \(result.stderr)")
        #expect(result.stdout.contains("| startup | launch to exit | 2 | ms |"), "\(result.stdout)")
        for file in ["results.md", "results.csv", "p2p.svg"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file)")
        }
    }
}
