import ArgumentParser
import Foundation

@main
struct Mpiwasm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpiwasm",
        abstract: "Run MPI programs compiled to WebAssembly, one process per rank: mpirun -np N mpiwasm run app.wasm",
        subcommands: [Run.self])
}

/// The runtime is the next piece of work (issue 3); until it exists this command says so
/// plainly and fails, rather than pretending to run anything.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a wasm32-wasi MPI module as one rank.")

    @Flag(help: "Only report whether this runtime can run modules.")
    var check = false

    @Argument(help: "The module to run.")
    var module: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the module.")
    var arguments: [String] = []

    func run() throws {
        FileHandle.standardError.write(Data(
            "mpiwasm run: cannot run \(module): the runtime is not built yet (this build has the SDK only)\n".utf8))
        throw ExitCode(2)
    }
}
