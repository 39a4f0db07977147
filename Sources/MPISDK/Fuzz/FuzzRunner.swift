import Foundation

/// `mpiwasm-sdk fuzz`: builds the generated fuzz program (`Tests/Fuzz/generated/<mpi>/fuzz.c`)
/// once to wasm and runs it on one rank under mpirun for each engine and seed, with the
/// runtime's guard check, a memory limit and a wall-clock limit. A run passes when it exits 0
/// and prints its summary with no bad return code and no guard problem; a failed run is run
/// again with a trace of its last batch, so the report names the call it died in.
public struct FuzzRunner {
    public struct Options: Sendable {
        public var engines = ["wasmtime", "wasmkit"]
        public var seeds: [UInt64] = [1]
        public var calls = 10_000
        public var output: URL
        /// The host MPI to run on, with its `mpiwasm` runtime.
        public var host: HostLauncher
        /// Seconds one run may take before it counts as hung.
        public var timeLimit: Double = 300

        public init(output: URL, host: HostLauncher) {
            self.output = output
            self.host = host
        }
    }

    /// One run's outcome.
    public struct Outcome: Sendable {
        public let engine: String
        public let seed: UInt64
        /// The program's summary line (`fuzz: seed S: N calls ...`), when it got that far.
        public let summary: String?
        /// Why the run failed; nil when it passed.
        public let failure: String?
        public let seconds: Double
    }

    /// How the fuzz program is linked: a large stack first, so the low addresses it passes
    /// are the unused bottom of the stack (see fuzz.h).
    public static let linkFlags = ["-Wl,--stack-first", "-Wl,-z,stack-size=33554432"]
    /// Linear memory per run: the program grows memory to this limit and uses its end.
    public static let memoryLimit = "96M"
    static let batch = 1000

    public let layout: ProjectLayout
    public let options: Options
    let source: URL
    let log: (String) -> Void

    /// The fuzz program of the sysroot's host MPI (compiled against the sysroot, it runs on every host).
    public init(layout: ProjectLayout, options: Options, log: @escaping (String) -> Void) throws {
        self.layout = layout
        self.options = options
        self.log = log
        let implementation = try layout.sysrootImplementation()
        source = layout.fuzz(for: implementation).appendingPathComponent("fuzz.c")
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw SDKError.unreadable(path: source.path, reason: "no fuzz program for \(implementation); run `mpiwasm-sdk generate`")
        }
    }

    /// Builds the module, then runs every engine and seed; returns the outcomes in order.
    public func run() throws -> [Outcome] {
        let runs = options.output.appendingPathComponent("runs")
        try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        let module = options.output.appendingPathComponent("fuzz.wasm")
        let command = CompilerDriver(layout: layout, language: .c)
            .command(["-O0", "-I" + source.deletingLastPathComponent().path] + Self.linkFlags + [source.path, "-o", module.path])
        let build = try Subprocess(command: command).run(
            stdout: options.output.appendingPathComponent("build.out"), stderr: options.output.appendingPathComponent("build.err"))
        guard build.status == 0 else { throw SDKError.fuzz("building fuzz.c failed:\n\(build.stderr.suffix(3000))") }
        var outcomes: [Outcome] = []
        for seed in options.seeds {
            for engine in options.engines {
                let started = Date()
                let result = try launch(module, engine: engine, seed: seed, traceFrom: nil, runs: runs)
                var outcome = judge(result, engine: engine, seed: seed, seconds: Date().timeIntervalSince(started))
                if let failure = outcome.failure {
                    outcome = Outcome(engine: engine, seed: seed, summary: outcome.summary,
                                      failure: failure + lastCall(module, engine: engine, seed: seed, output: result.stdout, runs: runs),
                                      seconds: outcome.seconds)
                }
                log(String(format: "fuzz %@ seed %llu: %@ (%.1f s)", engine, seed, outcome.failure == nil ? (outcome.summary ?? "") : "FAILED", outcome.seconds))
                outcomes.append(outcome)
            }
        }
        return outcomes
    }

    func launch(_ module: URL, engine: String, seed: UInt64, traceFrom: Int?, runs: URL) throws -> Subprocess.Result {
        let name = "fuzz.\(engine).seed\(seed)" + (traceFrom == nil ? "" : ".trace")
        // Files the program opens, creates and deletes stay in a directory of their own.
        let files = runs.appendingPathComponent(name + ".files")
        try? FileManager.default.removeItem(at: files)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let command = options.host.command(ranks: 1) + [
            options.host.runtime, "run", "--engine", engine, "--check-guards", "--max-memory", Self.memoryLimit,
            "--time-limit", String(Int(options.timeLimit)), "--dir", files.path + "::/", module.path, String(seed), String(options.calls),
        ] + (traceFrom.map { [String($0)] } ?? [])
        let base = runs.appendingPathComponent(name)
        return try Subprocess(command: command, environment: ["SWIFT_BACKTRACE": "color=no"])
            .run(stdout: base.appendingPathExtension("out"), stderr: base.appendingPathExtension("err"), timeLimit: options.timeLimit + 30)
    }

    /// Passed: exit 0, a summary line, no bad code and no guard problem.
    func judge(_ result: Subprocess.Result, engine: String, seed: UInt64, seconds: Double) -> Outcome {
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let summary = lines.first { $0.hasPrefix("fuzz: seed ") }
        let problems = lines.filter { $0.contains("which is not an MPI error code") || $0.contains("guard check after batch") }
        var failure: String?
        if result.status != 0 || summary == nil || !problems.isEmpty {
            let status = result.status.map { "exited with status \($0)" } ?? "timed out"
            failure = ([status] + problems.prefix(10) + result.stderr.split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("---") && !$0.isEmpty }.prefix(12)).joined(separator: "\n")
        }
        return Outcome(engine: engine, seed: seed, summary: summary, failure: failure, seconds: seconds)
    }

    /// Runs the failed seed again with a trace from its last batch: the last call it printed.
    func lastCall(_ module: URL, engine: String, seed: UInt64, output: String, runs: URL) -> String {
        let batches = output.split(separator: "\n").filter { $0.hasPrefix("fuzz: batch ") }
        let from = batches.last.flatMap { $0.split(separator: " ").last.flatMap { Int($0) } } ?? 0
        guard let traced = try? launch(module, engine: engine, seed: seed, traceFrom: from, runs: runs),
              let call = traced.stdout.split(separator: "\n").last(where: { $0.hasPrefix("call ") }) else { return "" }
        return "\nlast call: \(call)\nreproduce: mpirun -np 1 mpiwasm run --engine \(engine) --check-guards --max-memory \(Self.memoryLimit) --dir DIR::/ \(module.path) \(seed) \(options.calls) \(from)"
    }

    /// `fuzz: N runs, M calls each; K passed, F failed`, and each failure.
    public static func report(_ outcomes: [Outcome], calls: Int) -> String {
        var text = ""
        for outcome in outcomes {
            if let failure = outcome.failure { text += "FAILED: \(outcome.engine) seed \(outcome.seed):\n\(failure)\n\n" }
        }
        let failed = outcomes.filter { $0.failure != nil }.count
        text += "fuzz: \(outcomes.count) runs of \(calls) calls; \(outcomes.count - failed) passed, \(failed) failed\n"
        return text
    }
}
