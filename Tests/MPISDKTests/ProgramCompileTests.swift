import Foundation
import MPISDK
import MPIScanner
import TestSupport
import Testing
import WasmEngine

/// Real MPI programs compile to wasm against the sysroot, in C and in C++, without warnings,
/// and import from module `mpi` only functions the runtime binds.
@Suite(.serialized) struct ProgramCompileTests {
    static let sources = Repository.sources(in: Repository.programs) + Repository.sources(in: Repository.examples)
    static let flags = ["-Wall", "-Wextra", "-Werror", "-O1"]

    let bound: Set<String>

    init() throws {
        try SysrootAssembler(layout: Repository.layout).assemble()
        let api = try Generator(layout: Repository.layout, host: HostMPI.locate()).run().api
        bound = Set(api.functions.filter { $0.isBound && !$0.isGuestLocal }.map(\.name))
    }

    @Test(arguments: sources)
    func compilesToWasmWithPlainClangAndTheSysroot(source: URL) throws {
        let output = try Shell.temporaryDirectory("compile").appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".wasm")
        let isCXX = source.pathExtension == "cpp"
        let compiler = isCXX ? "/usr/bin/clang++-19" : "/usr/bin/clang-19"
        var arguments = ["--target=wasm32-wasi", "--sysroot=" + Repository.layout.sysroot.path] + Self.flags
        if isCXX { arguments.append("-fno-exceptions") }
        let result = try Shell.run(compiler, arguments + [source.path, "-o", output.path])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(source.lastPathComponent):\n\(result.stderr)")
        try expectImportsAreBound(output, source: source)
    }

    @Test(arguments: sources.filter { $0.pathExtension == "c" })
    func cProgramsAlsoCompileAsCXX(source: URL) throws {
        let output = try Shell.temporaryDirectory("compile-cxx").appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".wasm")
        let arguments = ["--target=wasm32-wasi", "--sysroot=" + Repository.layout.sysroot.path, "-fno-exceptions", "-x", "c++"] + Self.flags
        let result = try Shell.run("/usr/bin/clang++-19", arguments + [source.path, "-o", output.path])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(source.lastPathComponent) as C++:\n\(result.stderr)")
        try expectImportsAreBound(output, source: source)
    }

    func expectImportsAreBound(_ module: URL, source: URL) throws {
        guard FileManager.default.fileExists(atPath: module.path) else { return }
        let imports = try ModuleInfo(bytes: [UInt8](Data(contentsOf: module))).imports
        let mpi = imports.filter { $0.module == "mpi" }
        #expect(!mpi.isEmpty, "\(source.lastPathComponent) imports no MPI function")
        for entry in mpi { #expect(bound.contains(entry.name), "\(source.lastPathComponent) imports unbound \(entry.name)") }
        let modules = Set(imports.map(\.module))
        #expect(modules.isSubset(of: ["mpi", "wasi_snapshot_preview1"]), "unexpected import modules \(modules)")
    }
}
