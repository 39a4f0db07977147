import Foundation

/// `mpiwasm-sdk bench`: builds each benchmark in `benchmarks/` natively with mpicc and to wasm
/// with the SDK, runs both under mpirun in the same invocation, alternating, repetition after
/// repetition, and collects what they print (see benchmarks/bench.h).
public struct BenchmarkRunner {
    public struct Options: Sendable {
        public var ranks = 2
        public var repetitions = 5
        public var engines = ["wasmtime"]
        /// Benchmarks to run (file names without `.c`); all when empty.
        public var only: [String] = []
        public var output: URL
        /// The host MPI to run on, with its `mpiwasm` runtime.
        public var host: HostLauncher

        public init(output: URL, host: HostLauncher) {
            self.output = output
            self.host = host
        }
    }

    public static let all = ["calls", "p2p", "collectives", "stencil", "cg", "startup"]
    /// WasmKit interprets SIMD instructions one lane at a time (20x slower on a dense kernel):
    /// its build leaves them out. Wasmtime's uses the wrappers' defaults, SIMD included.
    static let engineFlags = ["wasmkit": ["-mno-simd128"]]

    public let layout: ProjectLayout
    public let options: Options
    let log: (String) -> Void

    public init(layout: ProjectLayout, options: Options, log: @escaping (String) -> Void) {
        self.layout = layout
        self.options = options
        self.log = log
    }

    var selected: [String] { options.only.isEmpty ? Self.all : Self.all.filter(options.only.contains) }

    /// Builds and runs everything; returns every sample.
    public func run() throws -> [BenchmarkSample] {
        try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        for name in selected { try build(name) }
        var samples: [BenchmarkSample] = []
        let variants = ["native"] + options.engines
        let total = options.repetitions * selected.count * variants.count
        var step = 0
        for repetition in 1...options.repetitions {
            for name in selected {
                for variant in variants {
                    step += 1
                    let started = Date()
                    samples += try measure(name, variant)
                    log(String(format: "[%d/%d] repetition %d: %@ %@, %.1f s", step, total, repetition, name, variant, Date().timeIntervalSince(started)))
                }
            }
        }
        try checkChecksums(samples)
        return samples
    }

    // MARK: Building

    func source(_ name: String) -> URL { layout.root.appendingPathComponent("benchmarks/\(name).c") }
    func native(_ name: String) -> URL { options.output.appendingPathComponent("\(name).native") }
    func wasm(_ name: String, _ engine: String) -> URL { options.output.appendingPathComponent("\(name).\(engine).wasm") }

    func build(_ name: String) throws {
        log("build \(name): \(options.host.mpicc), and mpiwasm-sdk cc for \(options.engines.joined(separator: ", "))")
        try execute([options.host.mpicc, "-O2", source(name).path, "-o", native(name).path, "-lm"], what: "mpicc \(name).c")
        for engine in options.engines {
            let command = CompilerDriver(layout: layout, language: .c).command(
                ["-O2"] + (Self.engineFlags[engine] ?? []) + [source(name).path, "-o", wasm(name, engine).path])
            try execute(command, what: "mpiwasm-sdk cc \(name).c")
        }
    }

    // MARK: Running

    func measure(_ name: String, _ variant: String) throws -> [BenchmarkSample] {
        let program = variant == "native" ? [native(name).path] : [options.host.runtime, "run", "--engine", variant, wasm(name, variant).path]
        // Peak memory per rank: GNU time around each rank of the CG kernel, appending to a file
        // (output a rank writes as it exits may not make it through mpirun).
        let peaksFile = options.output.appendingPathComponent(".maxrss")
        try? FileManager.default.removeItem(at: peaksFile)
        let timed = name == "cg" ? ["/usr/bin/time", "-a", "-o", peaksFile.path, "-f", "%M"] : []
        let launcher = options.host.command(ranks: options.ranks)
        let started = Date()
        let result = try execute(launcher + timed + program, what: "\(name) (\(variant))")
        let elapsed = Date().timeIntervalSince(started)
        var samples = BenchmarkSample.parse(result.stdout, variant: variant)
        if name == "startup" {
            samples.append(BenchmarkSample(benchmark: "startup", row: "launch to exit", x: options.ranks, value: elapsed * 1000, unit: "ms", variant: variant))
        }
        let peaks = ((try? String(contentsOf: peaksFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Double($0) }
        if let peak = peaks.max() {
            samples.append(BenchmarkSample(benchmark: "memory", row: "peak per rank (cg)", x: options.ranks, value: peak / 1024, unit: "MiB", variant: variant))
        }
        return samples
    }

    /// The kernels print a checksum; the wasm builds must compute what the native one does.
    func checkChecksums(_ samples: [BenchmarkSample]) throws {
        for sample in samples where sample.benchmark == "checksum" && sample.variant != "native" {
            guard let native = samples.first(where: { $0.benchmark == "checksum" && $0.row == sample.row && $0.variant == "native" }) else { continue }
            let tolerance = 1e-9 * max(1, abs(native.value))
            guard abs(native.value - sample.value) <= tolerance else {
                throw SDKError.benchmark("\(sample.row) on \(sample.variant) computed \(sample.value), native \(native.value)")
            }
        }
    }

    @discardableResult
    func execute(_ command: [String], what: String) throws -> (stdout: String, stderr: String) {
        let result = try Subprocess(command: command).run(
            stdout: options.output.appendingPathComponent(".stdout"), stderr: options.output.appendingPathComponent(".stderr"))
        guard result.status == 0 else {
            throw SDKError.benchmark("\(what) failed with status \(result.status ?? -1):\n\(result.stderr)")
        }
        return (result.stdout, result.stderr)
    }
}
