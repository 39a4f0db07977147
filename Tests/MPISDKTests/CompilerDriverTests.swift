import Foundation
import MPISDK
import TestSupport
import Testing

@Suite(.serialized) struct CompilerDriverTests {
    @Test func theCommandAddsTargetSysrootAndEmulations() {
        let c = CompilerDriver(layout: Repository.layout, language: .c).command(["app.c", "-o", "app.wasm"])
        #expect(c.first == "/usr/bin/clang-19")
        #expect(c.contains("--target=wasm32-wasi"))
        #expect(c.contains("--sysroot=" + Repository.layout.sysroot.path))
        #expect(c.contains("-D_WASI_EMULATED_PROCESS_CLOCKS"))
        #expect(c.suffix(8).prefix(5) == ["-lwasi-emulated-process-clocks", "-lwasi-emulated-signal", "-lwasi-emulated-mman", "-lwasi-emulated-getpid", "-Wl,--table-base=2"])
        let compileOnly = CompilerDriver(layout: Repository.layout, language: .cxx).command(["-c", "a.cpp"])
        #expect(compileOnly.first == "/usr/bin/clang++-19" && compileOnly.contains("-fno-exceptions"))
        #expect(!compileOnly.contains { $0.hasPrefix("-lwasi") })
    }

    @Test func sdkCCBuildsAProgramThatUsesPOSIXCallsWASILacks() throws {
        let directory = try Shell.temporaryDirectory("cc")
        let source = directory.appendingPathComponent("posix.c")
        try """
            #include <mpi.h>
            #include <signal.h>
            #include <stdio.h>
            #include <sys/mman.h>
            #include <sys/resource.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                char host[64];
                struct rusage usage;
                MPI_Init(&argc, &argv);
                gethostname(host, sizeof host);
                getrusage(RUSAGE_SELF, &usage);
                printf("%s %d %ld %d\\n", host, getpagesize(), sysconf(_SC_PAGESIZE), (int)getpid());
                MPI_Finalize();
                return 0;
            }
            """.write(to: source, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("posix.wasm")
        let result = try Shell.run(Repository.sdkExecutable, ["cc", "-Wall", "-Werror", source.path, "-o", output.path], in: Repository.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.path))
    }

    @Test func sdkCXXBuildsLibcxxWithFstream() throws {
        let output = try Shell.temporaryDirectory("cxx").appendingPathComponent("halo.wasm")
        let source = Repository.programs.appendingPathComponent("cxx_halo.cpp")
        let result = try Shell.run(Repository.sdkExecutable, ["c++", "-O2", source.path, "-o", output.path], in: Repository.root)
        #expect(result.status == 0, "\(result.stderr)")
        let show = try Shell.run(Repository.sdkExecutable, ["c++", "--showme", "x.cpp"], in: Repository.root)
        #expect(show.stdout.hasPrefix("/usr/bin/clang++-19 --target=wasm32-wasi --sysroot="))
    }

    @Test func compilerErrorsComeBackAsTheExitStatus() throws {
        let directory = try Shell.temporaryDirectory("cc-error")
        let source = directory.appendingPathComponent("bad.c")
        try "#include <mpi.h>\nint main(void) { return MPI_Nonexistent(); }\n".write(to: source, atomically: true, encoding: .utf8)
        let result = try Shell.run(Repository.sdkExecutable, ["cc", source.path, "-o", directory.appendingPathComponent("bad.wasm").path], in: Repository.root)
        #expect(result.status != 0)
        #expect(result.stderr.contains("MPI_Nonexistent"))
    }
}

@Suite struct CompilerDriverLinkTests {
    @Test(arguments: [
        (["app.c", "-o", "app.wasm"], true), (["-v", "app.c"], true), (["a.o", "b.o", "-o", "app.wasm"], true),
        (["-c", "app.c"], false), (["-E", "app.c"], false), (["--version"], false), (["-v"], false),
    ])
    func emulationLibrariesAreAddedOnlyWhenLinking(arguments: [String], links: Bool) {
        let command = CompilerDriver(layout: Repository.layout, language: .c).command(arguments)
        #expect(command.contains("-lwasi-emulated-signal") == links, "\(arguments)")
    }
}
