import Foundation
import MPIBindings
import MPITranslation
import WasmEngine
import WasmtimeEngine

/// `mpiwasm run`: one rank. Reads and checks the module, picks the engine, sets up WASI and
/// runs `_start`; the launcher (`mpirun`, `srun`) starts one of these per rank.
public struct Launcher {
    public struct Options: Sendable {
        public var module: String
        public var arguments: [String]
        public var engine: EngineChoice
        public var preopens: [WASIOptions.Preopen]
        /// `NAME=VALUE`, or `NAME` to pass the host's value through.
        public var environment: [String]
        public var verbose: Bool
        /// The largest linear memory per rank, in bytes (`--max-memory`).
        public var memoryLimit: Int?
        /// Seconds after which the rank, and with it the job, ends (`--time-limit`).
        public var timeLimit: Double?
        /// What the module may do beyond the job's own ranks (`--allow-connect`, `--allow-spawn`).
        public var granted: Set<Capability>
        /// Serve `mpiwasm.check_guards` (`--check-guards`, for the fuzz harness).
        public var checkGuards: Bool
        /// Name the module's compiled functions for `perf` (`--perf-map`, Wasmtime).
        public var perfMap: Bool

        public init(module: String, arguments: [String] = [], engine: EngineChoice = .auto,
                    preopens: [WASIOptions.Preopen] = [], environment: [String] = [], verbose: Bool = false,
                    memoryLimit: Int? = nil, timeLimit: Double? = nil, granted: Set<Capability> = [], checkGuards: Bool = false,
                    perfMap: Bool = false) {
            self.module = module
            self.arguments = arguments
            self.engine = engine
            self.preopens = preopens
            self.environment = environment
            self.verbose = verbose
            self.memoryLimit = memoryLimit
            self.timeLimit = timeLimit
            self.granted = granted
            self.checkGuards = checkGuards
            self.perfMap = perfMap
        }
    }

    public let options: Options
    /// Host functions served to the guest beside WASI (the MPI bindings).
    public let hostFunctions: [HostFunction]

    public init(options: Options, hostFunctions: [HostFunction] = MPIBindings.all) {
        self.options = options
        self.hostFunctions = hostFunctions + (options.checkGuards ? [GuardCheck(log: Launcher.log).hostFunction] : [])
    }

    /// Reads the module and refuses it, before anything runs, if it cannot run here.
    public func check() throws -> [UInt8] { try inspect().bytes }

    /// The module's bytes and what they import, export and put in the function table, once
    /// checked.
    func inspect() throws -> (bytes: [UInt8], info: ModuleInfo) {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: options.module))) } catch {
            throw LaunchError("cannot read \(options.module): \(error.localizedDescription)")
        }
        let info: ModuleInfo
        do { info = try ModuleInfo(bytes: bytes) } catch { throw LaunchError("\(options.module): \(error)") }
        guard GuestStatus.fitsGuest else {
            throw LaunchError("this host's MPI_Status keeps more private bytes than the guest's MPI_internal holds; statuses cannot be translated")
        }
        guard info.exports.contains("_start") else {
            throw LaunchError("\(options.module) has no _start export: build it as a WASI command (the default for clang's wasm32-wasi target)")
        }
        let served = Dictionary(hostFunctions.map { ("\($0.module).\($0.name)", $0.type) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        for entry in info.imports where entry.module != "wasi_snapshot_preview1" {
            guard let type = served["\(entry.module).\(entry.name)"] else {
                let pending = entry.module == "mpi" ? MPIBindings.pending[entry.name].map { " yet (\($0))" } ?? "" : ""
                let flag = entry.module == "mpiwasm" && entry.name == "check_guards" ? " without --check-guards" : ""
                let host = entry.module == "mpi" && pending.isEmpty ? " (built against \(HostLibrary.implementation), whose mpi.h lacks it)" : ""
                problems.append("\(entry.module).\(entry.name) is not provided by this runtime\(host)\(pending)\(flag)")
                continue
            }
            if let expected = entry.function, expected != type {
                problems.append("\(entry.module).\(entry.name) is imported as \(expected), but the runtime serves \(type) (a module built for another ABI?)")
            }
        }
        // MPI_COMM_DUP_FN and its kin are the function pointer 1 in the ABI; in wasm that is a
        // table index, which must not also be one of the module's functions.
        let keyvalCreators: Set<String> = ["MPI_Comm_create_keyval", "MPI_Type_create_keyval", "MPI_Win_create_keyval", "MPI_Keyval_create"]
        if let lowest = info.lowestTableIndex, lowest <= 1, let user = info.imports.first(where: { $0.module == "mpi" && keyvalCreators.contains($0.name) }) {
            problems.append("it imports \(user.name), but its function table starts at index \(lowest), so a function pointer could equal MPI_*_DUP_FN (1): link with -Wl,--table-base=2 (mpiwasm-sdk cc and the CMake toolchain do)")
        }
        guard problems.isEmpty else {
            throw LaunchError("\(options.module) cannot run here:\n" + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        return (bytes, info)
    }

    /// Runs the module and returns its exit code.
    public func run() throws -> Int32 {
        let (bytes, info) = try inspect()
        let (engine, explanation) = try options.engine.makeEngine()
        engine.memoryLimit = options.memoryLimit
        if options.perfMap {
            guard let wasmtime = engine as? WasmtimeEngine else { throw LaunchError("--perf-map needs the Wasmtime engine (WasmKit interprets: perf sees its interpreter)") }
            wasmtime.perfMap = true
        }
        if let timeLimit = options.timeLimit { startWatchdog(seconds: timeLimit) }
        if options.verbose {
            log(explanation)
            (engine as? WasmtimeEngine)?.log = log
        }
        let wasi = WASIOptions(
            arguments: [URL(fileURLWithPath: options.module).lastPathComponent] + options.arguments,
            environment: try environment(), preopens: options.preopens)
        for preopen in wasi.preopens where !FileManager.default.fileExists(atPath: preopen.hostPath) {
            throw LaunchError("--dir \(preopen.hostPath): no such directory")
        }
        BindingRuntime.shared.setPreopens(wasi.preopens.map { ($0.guestPath, $0.hostPath) })
        BindingRuntime.shared.granted = options.granted
        BindingRuntime.shared.guestFunctions = info.tableIndices
        do {
            let status = try engine.run(module: bytes, hostFunctions: hostFunctions, wasi: wasi)
            // exit(n) between MPI_Init and MPI_Finalize: the other ranks may wait for this one.
            if BindingRuntime.shared.isInsideMPI {
                BindingRuntime.shared.endJob("the module exited with status \(status) before MPI_Finalize; the job ends", code: status)
            }
            return status
        } catch let error as EngineError {
            // The other ranks may be waiting for this one: say why it ends, then end the job.
            if case .trap = error, BindingRuntime.shared.isInsideMPI {
                log("\(error)")
                BindingRuntime.shared.endJob(nil, code: 1)
            }
            throw error
        }
    }

    /// Ends this rank when the wall-clock limit is reached, wherever it is (computing, or
    /// blocked in MPI): the launcher then ends the other ranks, as for any rank that fails.
    /// Exit code 124, as `timeout` uses.
    func startWatchdog(seconds: Double) {
        let prefix = Launcher.prefix
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            OutputFlush.run()
            FileHandle.standardError.write(Data("\(prefix)the wall-clock limit of \(seconds) s is reached; the job ends\n".utf8))
            OutputFlush.awaitReaders()
            _exit(124)
        }
    }

    func environment() throws -> [(name: String, value: String)] {
        let host = ProcessInfo.processInfo.environment
        return try options.environment.map { entry in
            if let equals = entry.firstIndex(of: "=") {
                return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
            }
            guard let value = host[entry] else { throw LaunchError("--env \(entry): not set in this environment") }
            return (entry, value)
        }
    }

    /// Messages go to stderr, prefixed with the rank when a launcher set one.
    public func log(_ message: String) { Launcher.log(message) }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data((Launcher.prefix + message + "\n").utf8))
    }

    /// `mpiwasm[rank 3]: ` under mpirun or srun, `mpiwasm: ` otherwise.
    public static var prefix: String {
        let environment = ProcessInfo.processInfo.environment
        let rank = ["OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID"].lazy.compactMap { environment[$0] }.first
        return rank.map { "mpiwasm[rank \($0)]: " } ?? "mpiwasm: "
    }
}

/// A module or option the launcher refuses, with the reason.
public struct LaunchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
