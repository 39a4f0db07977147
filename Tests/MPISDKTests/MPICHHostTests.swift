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

    /// Guests are compiled once, against the sysroot: MPICH's model must render the same ABI,
    /// differing only in which functions (and the types only they use) exist.
    @Test func theWasmHeaderFromMPICHDiffersFromTheSysrootsOnlyInWhatExists() throws {
        let sysroot = try String(contentsOf: Repository.layout.sysrootInclude.appendingPathComponent("mpi.h"), encoding: .utf8)
        let ours = Self.declarations(sysroot), theirs = Self.declarations(output.wasmHeader)
        let shared = Set(ours.keys).intersection(theirs.keys)
        #expect(shared.count > 1000, "constants, types and functions both declare: \(shared.count)")
        for name in shared.sorted() { #expect(ours[name] == theirs[name], "\(name): sysroot \(ours[name] ?? ""), MPICH \(theirs[name] ?? "")") }
        #expect(theirs.keys.contains("MPI_Isendrecv") && !ours.keys.contains("MPI_Isendrecv"), "MPICH 4.0 has MPI 4.0's functions")
    }

    /// What a wasm mpi.h declares, by name: `#define` values, typedefs, function prototypes.
    /// The lines that name the host and its MPI version are left out: they describe the host.
    static func declarations(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        let hostLines: Set<String> = ["MPIWASM_HOST_MPI", "MPI_VERSION", "MPI_SUBVERSION"]
        for line in header.split(separator: "\n").map(String.init) {
            if line.hasPrefix("#define ") {
                let words = line.split(separator: " ", maxSplits: 2).map(String.init)
                if words.count == 3, !hostLines.contains(words[1]) { out[words[1]] = words[2] }
            } else if line.hasPrefix("typedef ") {
                // `typedef int (NAME)(...);` or `typedef int NAME;`
                let declarator = line.firstIndex(of: "(").map { String(line[$0...].prefix { $0 != ")" }) } ?? line
                let name = declarator.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).last ?? ""
                out["typedef " + name] = line
            } else if line.hasPrefix("MPIWASM_IMPORT("), let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") {
                out[String(line[line.index(after: open)..<close]) + (line.contains(" PMPI_") ? " (PMPI)" : "")] = prototype(line)
            }
        }
        return out
    }

    /// A prototype without its parameter names, which are the host's (`indx`, `comm_old`).
    static func prototype(_ line: String) -> String {
        guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else { return line }
        let parameters = line[line.index(after: open)..<close].split(separator: ",").map { parameter -> String in
            var text = parameter.trimmingCharacters(in: .whitespaces)
            let array = text.hasSuffix("[]")
            if array { text.removeLast(2) }
            if text != "void", text != "...", let last = text.lastIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                text = String(text[...last])
            }
            // `T name[]` is `T *name` in a parameter list.
            return text.trimmingCharacters(in: .whitespaces) + (array ? " *" : "")
        }
        return line[..<open] + "(" + parameters.joined(separator: ", ") + ")"
    }

    /// A module built against MPICH's sysroot that calls an MPI 4.0 function Open MPI 4.1 lacks:
    /// the Open MPI runtime refuses it before it starts, naming the function; the MPICH runtime
    /// runs it under MPICH's own launcher.
    @Test func aFunctionOneHostLacksIsRefusedBeforeStartThereAndRunsOnTheOther() throws {
        let directory = try Shell.temporaryDirectory("mpich-isendrecv")
        let source = directory.appendingPathComponent("isendrecv.c"), module = directory.appendingPathComponent("isendrecv.wasm")
        try """
            #include <mpi.h>
            #include <stdio.h>
            int main(int argc, char **argv) {
                MPI_Init(&argc, &argv);
                int rank, size, got = -1;
                MPI_Comm_rank(MPI_COMM_WORLD, &rank);
                MPI_Comm_size(MPI_COMM_WORLD, &size);
                MPI_Request request;
                MPI_Isendrecv(&rank, 1, MPI_INT, (rank + 1) % size, 7, &got, 1, MPI_INT, (rank + size - 1) % size, 7,
                              MPI_COMM_WORLD, &request);
                MPI_Wait(&request, MPI_STATUS_IGNORE);
                printf("rank %d got %d\\n", rank, got);
                MPI_Finalize();
                return got == (rank + size - 1) % size ? 0 : 1;
            }
            """.write(to: source, atomically: true, encoding: .utf8)
        let compile = try Shell.run("/usr/bin/clang-19", [
            "--target=wasm32-wasi", "--sysroot=" + layout.sysroot.path, "-I" + layout.sysrootInclude.path, "-O1", source.path, "-o", module.path,
        ])
        try #require(compile.status == 0, "\(compile.stderr)")

        let refused = try Shell.run(Repository.runtimeExecutable, ["run", "--check", module.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("mpi.MPI_Isendrecv is not provided by this runtime (built against Open MPI, whose mpi.h lacks it)"), "\(refused.stderr)")

        let host = try HostLauncher.of(runtime: try BuiltExecutables.mpichRuntime())
        #expect(host.implementation == "MPICH")
        let ran = try Shell.run("/usr/bin/env", host.command(ranks: 3) + [host.runtime, "run", module.path])
        #expect(ran.status == 0, "\(ran.stdout)\n\(ran.stderr)")
        #expect(Set(ran.stdout.split(separator: "\n")) == ["rank 0 got 2", "rank 1 got 0", "rank 2 got 1"], "\(ran.stdout)")
    }
}
