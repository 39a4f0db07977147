import ArgumentParser
import Foundation
import MPIRuntime
import WasmEngine

@main
struct Mpiwasm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpiwasm",
        abstract: "Run MPI programs compiled to WebAssembly, one process per rank: mpirun -np N mpiwasm run app.wasm",
        subcommands: [Run.self])
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

    @Flag(help: "Only check that the module can run here (imports, _start); run nothing.")
    var check = false

    @Argument(help: "The module to run.")
    var module: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the module.")
    var arguments: [String] = []

    func run() throws {
        let launcher = Launcher(options: .init(
            module: module, arguments: arguments, engine: engine,
            preopens: directories.map(WASIOptions.Preopen.init(parsing:)), environment: environment, verbose: verbose))
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
