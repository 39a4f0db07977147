import ArgumentParser
import Foundation
import MPISDK
import MPIScanner

@main
struct MpiwasmSDK: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpiwasm-sdk",
        abstract: "Build MPI programs in C and C++ for WebAssembly, against the host's own MPI API.",
        subcommands: [Generate.self, Sysroot.self, CC.self, CXX.self])
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

    func run() throws {
        let layout = try ProjectLayout.locate()
        let host = try HostMPI.locate(includeDirectory: mpiInclude)
        let output = try Generator(layout: layout, host: host).run()
        for diagnostic in output.diagnostics where verbose || diagnostic.severity > .note {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        if check {
            let drift = output.files.drift()
            guard drift.isEmpty else { throw SDKError.drift(diff: drift) }
            print("generate --check: generated files are up to date (\(output.summary))")
            return
        }
        try output.files.writeAtomically()
        try SysrootAssembler(layout: layout).assemble()
        print("generated from \(host.header): \(output.summary)")
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
