import ArgumentParser
import Foundation
import MPIRuntime
import MPITranslation
import WasmEngine

@main
struct Mpiwasm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpiwasm",
        abstract: "Run MPI programs compiled to WebAssembly, one process per rank: mpirun -np N mpiwasm run app.wasm",
        subcommands: [Run.self, Host.self])
}

extension EngineChoice: ExpressibleByArgument {}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a wasm32-wasi module as one rank.")

    @Option(help: "The wasm engine: auto picks Wasmtime when its library is found, else WasmKit.")
    var engine: EngineChoice = .auto

    @Option(name: .customLong("dir"), help: "Pre-open a directory for the module: HOST or HOST::GUEST (repeatable).")
    var directories: [String] = []

    @Option(name: .customLong("env"), help: "Give the module an environment variable: NAME=VALUE, or NAME to pass this process's value (repeatable).")
    var environment: [String] = []

    @Flag(help: "Say which engine runs and why.")
    var verbose = false

    @Option(name: .customLong("max-memory"), help: "The largest linear memory per rank: bytes, or with K, M or G (e.g. 512M). Growing beyond it fails as out of memory.")
    var maxMemory: String?

    @Option(name: .customLong("time-limit"), help: "Seconds of wall-clock time after which the rank ends, and with it the job (exit code 124).")
    var timeLimit: Double?

    @Flag(name: .customLong("allow-connect"), help: "Let the module open ports, connect to and accept other jobs, and publish names.")
    var allowConnect = false

    @Flag(name: .customLong("allow-spawn"), help: "Let the module create processes (MPI_Comm_spawn).")
    var allowSpawn = false

    @Flag(name: .customLong("allow-cvar-write"), help: "Let the module set the host MPI's control variables (MPI_T_cvar_write): they include session and backing-file directories and the components it loads.")
    var allowCvarWrite = false

    @Flag(name: .customLong("check-guards"), help: "Serve mpiwasm.check_guards to the module: it checks that host memory around linear memory and canaries in the host heap are untouched (for the fuzz harness).")
    var checkGuards = false

    @Flag(name: .customLong("perf-map"), help: "Write /tmp/perf-PID.map so that `perf record` and `perf report` name the module's functions (Wasmtime).")
    var perfMap = false

    @Flag(help: "Only check that the module can run here (imports, _start); run nothing.")
    var check = false

    @Argument(help: "The module to run.")
    var module: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the module.")
    var arguments: [String] = []

    func validate() throws {
        if let maxMemory, Self.bytes(maxMemory) == nil {
            throw ValidationError("--max-memory \(maxMemory): give bytes, or a number with K, M or G, at most 4G")
        }
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
    }

    /// `512M` -> 536870912; wasm32 memory is at most 4 GiB.
    static func bytes(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        let unit = text.last.flatMap { units[Character($0.uppercased())] }
        guard let number = Int(unit == nil ? Substring(text) : text.dropLast()), number >= 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit ?? 1)
        return !overflow && bytes <= 1 << 32 ? bytes : nil
    }

    func run() throws {
        let launcher = Launcher(options: .init(
            module: module, arguments: arguments, engine: engine,
            preopens: directories.map(WASIOptions.Preopen.init(parsing:)), environment: environment, verbose: verbose,
            memoryLimit: maxMemory.flatMap(Self.bytes), timeLimit: timeLimit,
            granted: Set([allowConnect ? Capability.connect : nil, allowSpawn ? .spawn : nil, allowCvarWrite ? .cvarWrite : nil].compactMap { $0 }),
            checkGuards: checkGuards, perfMap: perfMap))
        do {
            if check {
                _ = try launcher.check()
                return
            }
            let status = try launcher.run()
            if status != 0 { throw ExitCode(status) }
        } catch let error as ExitCode {
            throw error
        } catch {
            launcher.log("\(error)")
            throw ExitCode(1)
        }
    }
}

struct Host: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the host MPI this runtime is built against (Open MPI or MPICH), then the first line of its version text.")

    func run() {
        print(HostLibrary.implementation)
        print(HostLibrary.version.split(separator: "\n").first.map(String.init) ?? "")
    }
}
