import Foundation
import MPIEmitters

/// `mpiwasm-sdk matrix`: builds every matrix program (the generated ones in
/// `Tests/Matrix/generated/<mpi>/` and the self-checking ones in `Tests/Programs/`) once to wasm
/// and natively with each host MPI's mpicc, runs each under each host's launcher at every rank
/// count natively and on every engine, and compares what the wasm build prints with what the
/// native build prints on the same host.
public struct MatrixRunner {
    public struct Options: Sendable {
        public var engines = ["wasmtime", "wasmkit"]
        public var ranks = [1, 2, 3, 4]
        /// Only programs whose name, or a function they call, contains this.
        public var filter: String?
        public var output: URL
        /// The host MPIs to run on, each with its `mpiwasm` runtime; the same modules run on all.
        public var hosts: [HostLauncher]
        public var timeLimit: TimeInterval = 300

        public init(output: URL, hosts: [HostLauncher]) {
            self.output = output
            self.hosts = hosts
        }
    }

    public struct Program: Sendable {
        public let name: String
        public let source: URL
        /// The bound functions its source calls.
        public let functions: Set<String>
        /// Options for `mpiwasm run` the program asks for (`mpiwasm-run: --allow-connect`).
        public var runOptions: [String] = []
        /// `mpiwasm-run: wasm-only`: no native build (the program does what only a sandbox
        /// survives, and checks itself: no FAILED line, exit status 0).
        public var wasmOnly = false
    }

    /// One run whose wasm output differs from the native one (or that failed natively).
    public struct Failure: Sendable {
        /// The host MPI it ran on.
        public var host = ""
        public let program: String
        public let ranks: Int
        public let variant: String
        /// The functions the differing lines name; every function of the program when none does.
        public let functions: Set<String>
        public let message: String
    }

    public let layout: ProjectLayout
    public let manifest: MatrixManifest
    public let options: Options
    let directory: URL
    let log: (String) -> Void

    /// The matrix of the sysroot's host MPI: its programs are compiled against the sysroot, so
    /// they are the ones every host runs.
    public init(layout: ProjectLayout, options: Options, log: @escaping (String) -> Void) throws {
        self.layout = layout
        self.options = options
        self.log = log
        let implementation = try layout.sysrootImplementation()
        directory = layout.matrix(for: implementation)
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SDKError.unreadable(path: url.path, reason: "no matrix for \(implementation); run `mpiwasm-sdk generate`")
        }
        manifest = try JSONDecoder().decode(MatrixManifest.self, from: data)
    }

    /// A runner over a given manifest (the tests judge runs with it).
    init(manifest: MatrixManifest, output: URL, layout: ProjectLayout = ProjectLayout(root: URL(fileURLWithPath: "/"))) {
        self.layout = layout
        self.manifest = manifest
        options = Options(output: output, hosts: [])
        directory = output
        log = { _ in }
    }

    // MARK: Programs

    public func programs() throws -> [Program] {
        let bound = Set(manifest.bound.map(\.name))
        let handWritten = layout.root.appendingPathComponent("Tests/Programs")
        let sources = manifest.programs.map { directory.appendingPathComponent($0) }
            + (try FileManager.default.contentsOfDirectory(atPath: handWritten.path)).sorted()
                .filter { $0.hasSuffix(".c") }.map { handWritten.appendingPathComponent($0) }
        let all = try sources.map { source in
            let text = try Self.text(of: source)
            // The self-checking programs share names with generated ones (p2p, collectives).
            let prefix = source.deletingLastPathComponent() == handWritten ? "programs-" : ""
            let directives = Self.directives(in: text)
            return Program(
                name: prefix + source.deletingPathExtension().lastPathComponent, source: source, functions: text.calls.intersection(bound),
                runOptions: directives.filter { $0.hasPrefix("--") }, wasmOnly: directives.contains("wasm-only"))
        }
        let names = all.map(\.name)
        guard Set(names).count == names.count else { throw SDKError.matrix("two matrix programs have the same name: \(names.sorted())") }
        guard let filter = options.filter else { return all }
        return all.filter { $0.name.contains(filter) || $0.functions.contains { $0.contains(filter) } }
    }

    /// The words of a program's `mpiwasm-run:` line: options its wasm runs need
    /// (`--allow-connect`) and `wasm-only`.
    static func directives(in text: String) -> [String] {
        guard let marker = text.range(of: "mpiwasm-run:") else { return [] }
        return text[marker.upperBound...].prefix { $0 != "\n" }.split(separator: " ").map(String.init)
    }

    /// A source with the local headers it includes (`#include "check.h"`), whose calls count too.
    static func text(of source: URL) throws -> String {
        let text = try String(contentsOf: source, encoding: .utf8)
        let headers = text.split(separator: "\n").compactMap { line -> URL? in
            guard line.hasPrefix("#include \""), let name = line.split(separator: "\"").dropFirst().first else { return nil }
            return source.deletingLastPathComponent().appendingPathComponent(String(name))
        }
        return try headers.reduce(text) { $0 + "\n" + (try String(contentsOf: $1, encoding: .utf8)) }
    }

    // MARK: Running

    /// Builds every selected program once to wasm and natively for each host, and runs it on
    /// every host; returns the failures.
    public func run(_ programs: [Program]) throws -> [Failure] {
        let builds = options.output.appendingPathComponent("build")
        try FileManager.default.createDirectory(at: builds, withIntermediateDirectories: true)
        try build(programs, into: builds)
        var failures: [Failure] = []
        for host in options.hosts {
            let runs = options.output.appendingPathComponent("runs").appendingPathComponent(host.slug)
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            log("run on \(host.implementation): \(host.command(ranks: 1).joined(separator: " ")) ... \(host.runtime) run")
            failures += try run(programs, on: host, builds: builds, runs: runs).map { failure in
                var failure = failure
                failure.host = host.implementation
                return failure
            }
        }
        return failures
    }

    func run(_ programs: [Program], on host: HostLauncher, builds: URL, runs: URL) throws -> [Failure] {
        var failures: [Failure] = []
        let total = programs.count * options.ranks.count * (1 + options.engines.count)
        var step = 0
        for ranks in options.ranks {
            for program in programs {
                step += 1
                let started = Date()
                let native = program.wasmOnly ? nil : try launch(program, on: host, ranks: ranks, variant: "native", builds: builds, runs: runs)
                var outcome = native.map { $0.status == 0 ? "ok" : "FAILED" } ?? "skipped (wasm only)"
                if let native, native.status != 0 {
                    failures.append(Failure(
                        program: program.name, ranks: ranks, variant: "native", functions: program.functions,
                        message: "the native build itself failed (\(Self.describe(native.status))): the case is wrong\n" + native.stderr.suffix(2000)))
                }
                log(String(format: "[%d/%d] %@: np %d native %@: %@ (%.1f s)", step, total, host.implementation, ranks, program.name, outcome, Date().timeIntervalSince(started)))
                for engine in options.engines {
                    step += 1
                    let started = Date()
                    let wasm = try launch(program, on: host, ranks: ranks, variant: engine, builds: builds, runs: runs)
                    let found = native.map { compare(program, ranks: ranks, engine: engine, native: $0, wasm: wasm, runs: runs) }
                        ?? judge(program, ranks: ranks, engine: engine, wasm: wasm, runs: runs)
                    failures += found
                    outcome = found.isEmpty ? "ok" : "FAILED (\(found.count))"
                    log(String(format: "[%d/%d] %@: np %d %@ %@: %@ (%.1f s)", step, total, host.implementation, ranks, engine, program.name, outcome, Date().timeIntervalSince(started)))
                }
            }
        }
        return failures
    }

    func nativeBinary(_ program: Program, _ host: HostLauncher, _ builds: URL) -> URL { builds.appendingPathComponent(program.name + "." + host.slug) }
    func wasmModule(_ program: Program, _ builds: URL) -> URL { builds.appendingPathComponent(program.name + ".wasm") }

    /// Builds natively and to wasm, two compilers at a time, without optimisation: the matrix
    /// checks what calls do, and clang takes minutes to optimise the largest generated programs.
    func build(_ programs: [Program], into builds: URL) throws {
        let compilers = options.hosts.map(\.mpicc).joined(separator: ", ")
        log("build \(programs.count) programs: \(compilers), and mpiwasm-sdk cc (one module for every engine and host)")
        let jobs = programs.flatMap { program -> [(String, [String])] in
            let include = "-I" + program.source.deletingLastPathComponent().path
            let natives = program.wasmOnly ? [] : options.hosts.map { host in
                ("\(host.mpicc) \(program.name).c", [host.mpicc, "-O0", include, program.source.path, "-o", nativeBinary(program, host, builds).path, "-lm"])
            }
            let wasm = CompilerDriver(layout: layout, language: .c).command(["-O0", include, program.source.path, "-o", wasmModule(program, builds).path])
            return natives + [("mpiwasm-sdk cc \(program.name).c", wasm)]
        }
        let errors = ErrorList()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: jobs.count, by: 2) {
                let (what, command) = jobs[index]
                let name = "\(index).build"
                do {
                    let result = try Subprocess(command: command).run(
                        stdout: builds.appendingPathComponent(name + ".out"), stderr: builds.appendingPathComponent(name + ".err"))
                    if result.status != 0 { errors.append("\(what) failed:\n\(result.stderr.suffix(3000))") }
                } catch {
                    errors.append("\(what): \(error)")
                }
            }
        }
        guard errors.items.isEmpty else { throw SDKError.matrix(errors.items.joined(separator: "\n")) }
    }

    func launch(_ program: Program, on host: HostLauncher, ranks: Int, variant: String, builds: URL, runs: URL) throws -> Subprocess.Result {
        let command = host.command(ranks: ranks) + (variant == "native"
            ? [nativeBinary(program, host, builds).path]
            : [host.runtime, "run", "--engine", variant, "--dir", runs.path + "::/"] + program.runOptions + [wasmModule(program, builds).path])
        let base = runs.appendingPathComponent("\(program.name).np\(ranks).\(variant)")
        // Programs that write files (MPI-IO) do so in the runs directory: the working directory
        // natively, the guest's root as wasm.
        let result = try Subprocess(command: ["sh", "-c", "cd \"$0\" && exec \"$@\"", runs.path] + command)
            .run(stdout: base.appendingPathExtension("out"), stderr: base.appendingPathExtension("err"), timeLimit: options.timeLimit)
        return result
    }

    /// The wasm run must print exactly what the native one printed and exit the same way.
    func compare(_ program: Program, ranks: Int, engine: String, native: Subprocess.Result, wasm: Subprocess.Result, runs: URL) -> [Failure] {
        let kept = runs.appendingPathComponent("\(program.name).np\(ranks).{native,\(engine)}.{out,err}").path
        guard native.status == 0 else { return [] }
        let expected = Self.lines(native.stdout), got = Self.lines(wasm.stdout)
        guard expected != got || wasm.status != 0 else { return [] }
        let missing = expected.filter { !got.contains($0) }, extra = got.filter { !expected.contains($0) }
        var described: [String] = []
        for line in missing.prefix(20) {
            let key = Self.key(line)
            if let other = extra.first(where: { Self.key($0) == key }) {
                described.append("\(key): native \(Self.value(line)), wasm \(Self.value(other))")
            } else {
                described.append("missing: \(line)")
            }
        }
        for line in extra.prefix(20) where !missing.contains(where: { Self.key($0) == Self.key(line) }) {
            described.append("unexpected: \(line)")
        }
        if wasm.status != 0 {
            described.append("exited \(Self.describe(wasm.status)), native 0:")
            described += Self.lines(wasm.stderr).filter { !$0.hasPrefix("[") && !$0.hasPrefix("---") }.prefix(12)
        } else if described.isEmpty {
            described.append("same lines in another order")
        }
        return [Failure(
            program: program.name, ranks: ranks, variant: engine, functions: attributed(program, lines: missing + extra),
            message: described.joined(separator: "\n") + "\noutputs in \(kept)")]
    }

    /// A wasm-only program passes when it exits 0 and no case printed FAILED.
    func judge(_ program: Program, ranks: Int, engine: String, wasm: Subprocess.Result, runs: URL) -> [Failure] {
        let failed = Self.lines(wasm.stdout).filter { $0.hasSuffix(": FAILED") || $0.hasPrefix("rank ") }
        guard wasm.status != 0 || !failed.isEmpty else { return [] }
        let kept = runs.appendingPathComponent("\(program.name).np\(ranks).\(engine).{out,err}").path
        var message = failed.prefix(20).joined(separator: "\n")
        if wasm.status != 0 { message += "\nexited \(Self.describe(wasm.status)):\n" + wasm.stderr.suffix(1500) }
        return [Failure(program: program.name, ranks: ranks, variant: engine, functions: attributed(program, lines: failed), message: message + "\noutputs in \(kept)")]
    }

    /// The bound functions differing lines name; the whole program's when they name none.
    func attributed(_ program: Program, lines: [String]) -> Set<String> {
        let bound = Set(manifest.bound.map(\.name))
        let named = Set(lines.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init) }).intersection(bound)
        return named.isEmpty ? program.functions : named
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }
    static func key(_ line: String) -> String { line.range(of: ": ", options: .backwards).map { String(line[..<$0.lowerBound]) } ?? line }
    static func value(_ line: String) -> String { line.range(of: ": ", options: .backwards).map { String(line[$0.upperBound...]) } ?? "" }
    static func describe(_ status: Int32?) -> String { status.map { "with status \($0)" } ?? "timed out" }
}

/// Errors collected from concurrent build jobs.
final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
}

extension String {
    /// `MPI_Name(` occurrences: the functions a C source calls.
    var calls: Set<String> {
        var names = Set<String>()
        var rest = Substring(self)
        while let start = rest.range(of: "MPI_") {
            let name = rest[start.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            rest = rest[name.endIndex...]
            if rest.drop(while: { $0 == " " }).first == "(" { names.insert(String(name)) }
        }
        return names
    }
}
