import Foundation
import MPISDK
import TestSupport
import Testing

/// One module, built once, on both host MPIs: each example runs under Open MPI's mpirun with
/// the Open MPI runtime and under MPICH's mpiexec with the MPICH runtime, and prints what the
/// example built natively with that host's mpicc prints.
@Suite(.serialized) struct CrossHostTests {
    static let examples = Repository.sources(in: Repository.examples)

    static func hosts() throws -> [HostLauncher] {
        try [Repository.runtimeExecutable, BuiltExecutables.mpichRuntime()].map(HostLauncher.of(runtime:))
    }

    @Test func theRuntimesSayWhichHostMPITheyAreBuiltAgainst() throws {
        #expect(try Self.hosts().map(\.implementation) == ["Open MPI", "MPICH"])
    }

    @Test(arguments: examples)
    func anExampleBuiltOncePrintsWhatItsNativeBuildPrintsOnEitherHost(source: URL) throws {
        let directory = try Shell.temporaryDirectory("cross-host")
        let name = source.deletingPathExtension().lastPathComponent
        let isCXX = source.pathExtension == "cpp"
        let module = directory.appendingPathComponent(name + ".wasm")
        let build = try Shell.run(Repository.sdkExecutable, [isCXX ? "c++" : "cc", "-O2", source.path, "-o", module.path],
                                  environment: ["MPIWASM_HOME": Repository.root.path])
        try #require(build.status == 0, "\(build.stderr)")
        for host in try Self.hosts() {
            let native = directory.appendingPathComponent("\(name).\(host.slug)")
            let compiler = isCXX ? host.mpicxx : host.mpicc
            let nativeBuild = try Shell.run(compiler, ["-O2", source.path, "-o", native.path, "-lm"])
            try #require(nativeBuild.status == 0, "\(compiler): \(nativeBuild.stderr)")
            let expected = try Shell.run("/usr/bin/env", host.command(ranks: 4) + [native.path])
            let got = try Shell.run("/usr/bin/env", host.command(ranks: 4) + [host.runtime, "run", module.path])
            #expect(expected.status == 0 && got.status == 0, "\(name) on \(host.implementation): native \(expected.status), wasm \(got.status)\n\(got.stderr)")
            #expect(Self.comparable(got.stdout) == Self.comparable(expected.stdout),
                    "\(name) on \(host.implementation):\nnative:\n\(expected.stdout)\nwasm:\n\(got.stdout)")
            #expect(!got.stdout.isEmpty)
        }
    }

    /// The validation matrix on MPICH: the same modules as on Open MPI (compiled against the
    /// sysroot), against MPICH's native builds, under its launcher. One and two ranks here (MPICH
    /// ranks poll while they wait, so more ranks than cores take minutes); `mpiwasm-sdk matrix
    /// --runtime .build/mpich/debug/mpiwasm` runs 1 to 4.
    @Test func theMatrixPassesOnMPICHOnBothEngines() throws {
        let output = try Shell.temporaryDirectory("matrix-mpich")
        let result = try Shell.run(Repository.sdkExecutable, ["matrix", "--np", "1,2", "--runtime", try BuiltExecutables.mpichRuntime(), "--output", output.path],
                                   environment: ["MPIWASM_HOME": Repository.root.path])
        let summary = try #require(result.stdout.split(separator: "\n").last { $0.hasPrefix("matrix: ") }, "\(result.stdout)\n\(result.stderr)")
        #expect(result.status == 0 && summary.hasSuffix(" 0 failed on MPICH"), "\(result.stdout)")
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count == 4 && Double(numbers[0]) >= 0.9 * Double(numbers[1]), "\(summary)")
        #expect(result.stderr.contains("np 2 wasmkit reductions: ok") && result.stderr.contains("np 2 wasmtime collectives: ok"), "\(result.stderr)")
    }

    /// A rank that exits early, or traps, ends the job on either host, with the rank's exit
    /// code and a message naming the rank and the cause.
    @Test func aFailingRankEndsTheJobOnEitherHost() throws {
        let directory = try Shell.temporaryDirectory("cross-host-fail")
        let source = directory.appendingPathComponent("fail.c"), module = directory.appendingPathComponent("fail.wasm")
        try """
            #include <mpi.h>
            #include <stdlib.h>
            #include <string.h>
            int main(int argc, char **argv) {
                MPI_Init(&argc, &argv);
                int rank;
                MPI_Comm_rank(MPI_COMM_WORLD, &rank);
                if (rank == 1 && strcmp(argv[1], "exit") == 0) exit(3);
                if (rank == 1 && strcmp(argv[1], "trap") == 0) __builtin_trap();
                MPI_Barrier(MPI_COMM_WORLD);
                MPI_Finalize();
                return 0;
            }
            """.write(to: source, atomically: true, encoding: .utf8)
        let build = try Shell.run(Repository.sdkExecutable, ["cc", "-O1", source.path, "-o", module.path], environment: ["MPIWASM_HOME": Repository.root.path])
        try #require(build.status == 0, "\(build.stderr)")
        for host in try Self.hosts() {
            let exited = try Shell.run("/usr/bin/env", host.command(ranks: 3) + [host.runtime, "run", module.path, "exit"])
            #expect(exited.status == 3, "\(host.implementation): \(exited.status)\n\(exited.stderr)")
            #expect(exited.stderr.contains("mpiwasm[rank 1]: the module exited with status 3 before MPI_Finalize; the job ends"), "\(exited.stderr)")
            let trapped = try Shell.run("/usr/bin/env", host.command(ranks: 3) + [host.runtime, "run", module.path, "trap"])
            #expect(trapped.status != 0, "\(host.implementation): \(trapped.stderr)")
            #expect(trapped.stderr.contains("mpiwasm[rank 1]: wasm trap: wasm `unreachable` instruction executed"),
                    "\(host.implementation): status \(trapped.status)\nstderr:\n\(trapped.stderr)\nstdout:\n\(trapped.stdout)")
        }
    }

    /// Output lines in order of text, timings (`15.48 us`) left out: ranks print in any order,
    /// and the ping-pong example measures.
    static func comparable(_ output: String) -> [String] {
        output.split(separator: "\n").map { line in
            line.hasSuffix(" us per round trip") ? String(line.prefix { $0 != ":" }) : String(line)
        }.sorted()
    }
}
