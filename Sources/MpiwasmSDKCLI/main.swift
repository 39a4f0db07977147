import ArgumentParser
import Foundation
import MPISDK
import MPIScanner

@main
struct MpiwasmSDK: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpiwasm-sdk",
        abstract: "Build MPI programs in C and C++ for WebAssembly, against the host's own MPI API.",
        subcommands: [Generate.self, Sysroot.self, CC.self, CXX.self, Bench.self, Matrix.self, Fuzz.self])
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse the host mpi.h and (re)generate the wasm32 sysroot header, model and coverage report.")

    @Option(name: .customLong("mpi-include"), help: "Directory holding the host's mpi.h (default: ask mpicc, then pkg-config).")
    var mpiInclude: String?

    @Flag(help: "Only check that the committed generated files match what would be generated; print a diff otherwise.")
    var check = false

    @Flag(help: "Print every diagnostic, notes included.")
    var verbose = false

    @Flag(name: .customLong("runtime-only"), help: ArgumentHelp(
        "For a second host MPI (with --mpi-include): write only its runtime bindings, constants table, model and coverage report.",
        discussion: "The sysroot and the guest test programs stay those of the sysroot's host, so one module runs on both hosts."))
    var runtimeOnly = false

    func run() throws {
        let layout = try ProjectLayout.locate()
        let host = try HostMPI.locate(includeDirectory: mpiInclude)
        let output = try Generator(layout: layout, host: host, runtimeOnly: runtimeOnly).run()
        for diagnostic in output.diagnostics where verbose || diagnostic.severity > .note {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        if check {
            let drift = output.files.drift() + output.stale.map { "--- \($0.path): no longer generated\n" }.joined()
            guard drift.isEmpty else { throw SDKError.drift(diff: drift) }
            print("generate --check: generated files are up to date (\(output.summary))")
            return
        }
        try output.files.writeAtomically()
        for url in output.stale { try FileManager.default.removeItem(at: url) }
        print("generated from \(host.header): \(output.summary)")
        guard !runtimeOnly else { return }
        try SysrootAssembler(layout: layout).assemble()
        print("sysroot: \(layout.sysroot.path)")
    }
}

struct Sysroot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Link the system's WASI libc, libc++ and compiler-rt into the sysroot, around the generated headers.")

    func run() throws {
        let layout = try ProjectLayout.locate()
        try SysrootAssembler(layout: layout).assemble()
        print(layout.sysroot.path)
    }
}

/// Shared by `cc` and `c++`: everything after the subcommand goes to clang unchanged.
protocol CompilerCommand: ParsableCommand {
    var arguments: [String] { get }
    var showme: Bool { get }
    static var language: CompilerDriver.Language { get }
}

extension CompilerCommand {
    func run() throws {
        let driver = CompilerDriver(layout: try ProjectLayout.locate(), language: Self.language)
        if showme {
            print(driver.command(arguments).joined(separator: " "))
            return
        }
        let status = try driver.run(arguments)
        if status != 0 { throw ExitCode(status) }
    }
}

struct CC: CompilerCommand {
    static let configuration = CommandConfiguration(
        commandName: "cc", abstract: "Compile and link C for wasm32 (like mpicc).")
    static let language = CompilerDriver.Language.c

    @Flag(help: "Print the clang command instead of running it.")
    var showme = false

    @Argument(parsing: .captureForPassthrough, help: "Arguments for clang.")
    var arguments: [String] = []
}

struct CXX: CompilerCommand {
    static let configuration = CommandConfiguration(
        commandName: "c++", abstract: "Compile and link C++ for wasm32 (like mpicxx; -fno-exceptions).")
    static let language = CompilerDriver.Language.cxx

    @Flag(help: "Print the clang++ command instead of running it.")
    var showme = false

    @Argument(parsing: .captureForPassthrough, help: "Arguments for clang++.")
    var arguments: [String] = []
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the benchmarks natively and as wasm in one invocation, alternating; print medians and wasm/native ratios.",
        discussion: """
            Builds benchmarks/*.c with the host's mpicc and with `mpiwasm-sdk cc`, runs each under the host's launcher, and writes
            results.md, results.csv and p2p.svg (latency and bandwidth against message size) to --output.
            The ratio is a cost: wasm time over native time, native bandwidth over wasm bandwidth.
            """)

    @Option(help: "Ranks per run.")
    var np = 2

    @Option(help: "Repetitions; the report shows medians.")
    var repetitions = 5

    @Option(help: "Engines to run the wasm builds on (repeatable): wasmtime, wasmkit.")
    var engine: [String] = ["wasmtime"]

    @Option(help: "Only these benchmarks (comma-separated): \(BenchmarkRunner.all.joined(separator: ", ")).")
    var only: String?

    @Option(help: "Where builds and reports go.")
    var output = "out/bench"

    @Option(help: "The mpiwasm runtime; its host MPI builds and launches the native side (default: the one beside mpiwasm-sdk).")
    var runtime: String?

    func validate() throws {
        guard np >= 2 else { throw ValidationError("--np must be at least 2 (the point-to-point benchmark needs two ranks)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
        for name in engine where !["wasmtime", "wasmkit"].contains(name) { throw ValidationError("unknown engine \(name)") }
        let unknown = (only?.split(separator: ",").map(String.init) ?? []).filter { !BenchmarkRunner.all.contains($0) }
        guard unknown.isEmpty else { throw ValidationError("unknown benchmarks: \(unknown.joined(separator: ", "))") }
    }

    func run() throws {
        let layout = try ProjectLayout.locate()
        var options = BenchmarkRunner.Options(output: URL(fileURLWithPath: output), host: try hosts(runtimes: runtime.map { [$0] } ?? [])[0])
        options.ranks = np
        options.repetitions = repetitions
        options.engines = engine
        options.only = only?.split(separator: ",").map(String.init) ?? []
        let runner = BenchmarkRunner(layout: layout, options: options) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let report = BenchmarkReport(samples: try runner.run(), engines: engine)
        try report.markdown.write(to: options.output.appendingPathComponent("results.md"), atomically: true, encoding: .utf8)
        try report.csv.write(to: options.output.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        try BenchmarkPlot(report: report).svg.write(to: options.output.appendingPathComponent("p2p.svg"), atomically: true, encoding: .utf8)
        print("mpiwasm bench: \(np) ranks, \(repetitions) repetitions, medians; cost ratio = wasm/native time (native/wasm bandwidth)\n")
        print(report.markdown)
        print("written: \(output)/results.md, results.csv, p2p.svg")
    }
}

/// The host MPIs to run on: one per `--runtime` given (each runtime says which host MPI it is
/// built against), else the host of the `mpiwasm` beside this `mpiwasm-sdk`.
func hosts(runtimes: [String]) throws -> [HostLauncher] {
    let runtimes = runtimes.isEmpty ? [try runtimeBesideSDK()] : runtimes
    let hosts = try runtimes.map(HostLauncher.of(runtime:))
    guard Set(hosts.map(\.implementation)).count == hosts.count else {
        throw ValidationError("two --runtime are built against the same host MPI: \(hosts.map { "\($0.runtime) (\($0.implementation))" })")
    }
    return hosts
}

/// The `mpiwasm` executable built beside this `mpiwasm-sdk`.
func runtimeBesideSDK() throws -> String {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let runtime = directory.appendingPathComponent("mpiwasm").path
    guard FileManager.default.isExecutableFile(atPath: runtime) else {
        throw ValidationError("no mpiwasm beside mpiwasm-sdk (\(runtime)): build it with `swift build --product mpiwasm` in the same configuration")
    }
    return runtime
}

struct Matrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the validation matrix natively and to wasm, run both under mpirun, and compare what they print.",
        discussion: """
            Programs: Tests/Matrix/generated/<mpi>/*.c (generated by `generate` from the model and
            templates/matrix) and Tests/Programs/*.c. Each is compiled once to wasm and runs natively and
            on every engine at every rank count, on every host MPI given with --runtime; the wasm output
            must equal the native output on the same host. Outputs are kept in --output/runs/<host>.
            Ends, per host, with a table per function family and
            `matrix: F functions covered of B bound; N passed, M failed on HOST`.
            Both hosts: --runtime .build/debug/mpiwasm --runtime .build/mpich/debug/mpiwasm
            """)

    @Option(help: "Engines (repeatable): wasmtime, wasmkit.")
    var engine: [String] = ["wasmtime", "wasmkit"]

    @Option(help: "Rank counts, comma-separated.")
    var np = "1,2,3,4"

    @Option(help: "Only programs whose name, or a function they call, contains this.")
    var filter: String?

    @Option(help: "Seconds one run may take before it counts as hung.")
    var timeLimit: Double = 300

    @Option(help: "Where builds, outputs and the report go.")
    var output = "out/matrix"

    @Option(help: "An mpiwasm runtime, one per host MPI to run on (repeatable; default: the one beside mpiwasm-sdk).")
    var runtime: [String] = []

    func validate() throws {
        for name in engine where !["wasmtime", "wasmkit"].contains(name) { throw ValidationError("unknown engine \(name)") }
        guard !ranks.isEmpty, ranks.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--np takes rank counts like 1,2,3,4") }
    }

    var ranks: [Int] { np.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let layout = try ProjectLayout.locate()
        var options = MatrixRunner.Options(output: URL(fileURLWithPath: output), hosts: try hosts(runtimes: runtime))
        options.engines = engine
        options.ranks = ranks
        options.filter = filter
        options.timeLimit = timeLimit
        let runner = try MatrixRunner(layout: layout, options: options) {
            FileHandle.standardError.write(Data(($0 + "\n").utf8))
        }
        let programs = try runner.programs()
        guard !programs.isEmpty else { throw ValidationError("no matrix program matches --filter \(filter ?? "")") }
        let failures = try runner.run(programs)
        let reports = options.hosts.map { host in
            MatrixReport(manifest: runner.manifest, programs: programs, failures: failures.filter { $0.host == host.implementation }, host: host.implementation)
        }
        // Each host's report in full, then the summary lines together.
        let text = reports.map(\.text).joined(separator: "\n") + (reports.count > 1 ? "\n" + reports.map { $0.summary + "\n" }.joined() : "")
        try text.write(to: options.output.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
        print(text, terminator: "")
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call every bound MPI function with random and adversarial arguments from inside a wasm module, and check that the rank survives.",
        discussion: """
            Builds Tests/Fuzz/generated/<mpi>/fuzz.c (generated by `generate`) once to wasm and runs it on
            one rank per engine and seed with `mpiwasm run --check-guards --max-memory 96M`. A run passes
            when every call returned success or an MPI error code, the host's guard regions and heap
            canaries are intact after every batch of 1000 calls, and the rank exits 0. A failed run is
            repeated with a trace of its last batch, to name the call. Outputs are kept in --output/runs.
            A long run: mpiwasm-sdk fuzz --seeds 1-20 --calls 100000
            """)

    @Option(help: "Engines (repeatable): wasmtime, wasmkit.")
    var engine: [String] = ["wasmtime", "wasmkit"]

    @Option(help: "Seeds: a list (1,2,5) or a range (1-20).")
    var seeds = "1"

    @Option(help: "Calls per run.")
    var calls = 10_000

    @Option(help: "Seconds one run may take before it counts as hung.")
    var timeLimit: Double = 300

    @Option(help: "Where the module, outputs and traces go.")
    var output = "out/fuzz"

    @Option(help: "The mpiwasm runtime; its host MPI launches the runs (default: the one beside mpiwasm-sdk).")
    var runtime: String?

    func validate() throws {
        for name in engine where !["wasmtime", "wasmkit"].contains(name) { throw ValidationError("unknown engine \(name)") }
        guard Self.seeds(seeds)?.isEmpty == false else { throw ValidationError("--seeds takes a list (1,2,5) or a range (1-20)") }
        guard calls > 0 else { throw ValidationError("--calls must be positive") }
    }

    /// `1,2,5` or `1-20`.
    static func seeds(_ text: String) -> [UInt64]? {
        let bounds = text.split(separator: "-").compactMap { UInt64($0) }
        if bounds.count == 2, text.split(separator: "-").count == 2, bounds[0] <= bounds[1] { return Array(bounds[0]...bounds[1]) }
        let list = text.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        return list.contains(nil) ? nil : list.compactMap { $0 }
    }

    func run() throws {
        let layout = try ProjectLayout.locate()
        var options = FuzzRunner.Options(output: URL(fileURLWithPath: output), host: try hosts(runtimes: runtime.map { [$0] } ?? [])[0])
        options.engines = engine
        options.seeds = Self.seeds(seeds) ?? [1]
        options.calls = calls
        options.timeLimit = timeLimit
        let runner = try FuzzRunner(layout: layout, options: options) {
            FileHandle.standardError.write(Data(($0 + "\n").utf8))
        }
        let outcomes = try runner.run()
        print(FuzzRunner.report(outcomes, calls: calls), terminator: "")
        if outcomes.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
    }
}
