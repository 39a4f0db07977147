import Foundation
import MPISDK
import MPIScanner
import TestSupport
import Testing

/// The same generator over MPICH's real header (installed beside Open MPI): integer handles,
/// other parameter names, MPI 4.x functions, a separate mpio.h. The sysroot it produces must
/// build the same programs.
@Suite(.serialized) struct MPICHHostTests {
    let layout: ProjectLayout
    let output: Generator.Output

    init() throws {
        let flags = try Shell.run("pkg-config", ["--cflags-only-I", "mpich"])
        try #require(flags.status == 0, "MPICH is not installed (scripts/setup.sh installs libmpich-dev): \(flags.stderr)")
        let directories = HostMPI.includeDirectories(from: flags.stdout)
        let directory = try #require(directories.first { FileManager.default.fileExists(atPath: $0 + "/mpi.h") })
        let root = try Shell.temporaryDirectory("mpich-sdk")
        for folder in ["headers", "templates"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        layout = ProjectLayout(root: root)
        output = try Generator(layout: layout, host: HostMPI(header: directory + "/mpi.h", includeDirectories: directories)).run()
        try output.files.writeAtomically()
        try SysrootAssembler(layout: layout).assemble()
    }

    @Test func atLeast95PercentOfMPICHsFunctionsAreDeclared() {
        #expect(output.api.host.implementation == "MPICH")
        #expect(output.api.handleTypes.allSatisfy { $0.representation == .integer || $0.kind.typeName == "MPI_File" || $0.kind.typeName.hasPrefix("MPI_T_") })
        let bound = output.api.functions.filter(\.isBound).count
        #expect(Double(bound) >= 0.95 * Double(output.api.functions.count), "\(output.summary)")
        #expect(FileManager.default.fileExists(atPath: layout.sysrootInclude.appendingPathComponent("mpio.h").path))
    }

    @Test func parametersNamedOtherwiseGetTheStandardsSemantics() throws {
        let graph = try #require(output.api.function(named: "MPI_Graph_create"))
        #expect(graph.parameters[2].name == "indx")
        #expect(graph.parameters[3].kind?.description == "array(in, last(indx, nnodes))")
        let subarray = try #require(output.api.function(named: "MPI_Type_create_subarray"))
        #expect(subarray.isBound)
        let gatherv = try #require(output.api.function(named: "MPI_Gatherv_c"))
        #expect(gatherv.isBound)
    }

    @Test(arguments: Repository.sources(in: Repository.programs) + Repository.sources(in: Repository.examples))
    func programsCompileAgainstTheMPICHSysroot(source: URL) throws {
        let isCXX = source.pathExtension == "cpp"
        let object = try Shell.temporaryDirectory("mpich-compile").appendingPathComponent(source.lastPathComponent + ".o")
        var arguments = ["--target=wasm32-wasi", "--sysroot=" + layout.sysroot.path, "-I" + layout.sysrootInclude.path,
                         "-Wall", "-Wextra", "-Werror", "-c", source.path, "-o", object.path]
        if isCXX { arguments.append("-fno-exceptions") }
        let result = try Shell.run(isCXX ? "/usr/bin/clang++-19" : "/usr/bin/clang-19", arguments)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(source.lastPathComponent):\n\(result.stderr)")
    }
}
