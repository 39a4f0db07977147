import Foundation
import MPISDK
import TestSupport
import Testing

/// The generated mpi.h compiled as a user header (not a system header, where clang hides
/// warnings) under strict warning sets and several language standards.
@Suite struct HeaderStrictnessTests {
    static let program = """
        #include <mpi.h>
        int main(void) {
            MPI_Status status;
            int flag = 0;
            MPI_Aint address = 0;
            MPI_Init(NULL, NULL);
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
            MPI_Get_address(&flag, &address);
            address = MPI_Aint_add(address, 4);
            return MPI_Finalize() + (int)MPI_Comm_c2f(MPI_COMM_WORLD) + (int)address;
        }
        """

    @Test(arguments: ["c99", "c11", "c17", "gnu17"])
    func cStandardsCompileWithoutWarnings(standard: String) throws {
        try compile(language: "c", compiler: "/usr/bin/clang-19", standard: standard, warnings: [
            "-Wall", "-Wextra", "-pedantic", "-Wconversion", "-Wsign-conversion", "-Wstrict-prototypes",
            "-Wmissing-prototypes", "-Wshadow", "-Wcast-qual", "-Wundef",
        ])
    }

    @Test(arguments: ["c++11", "c++17", "c++20"])
    func cxxStandardsCompileWithoutWarnings(standard: String) throws {
        try compile(language: "c++", compiler: "/usr/bin/clang++-19", standard: standard, warnings: [
            "-Wall", "-Wextra", "-pedantic", "-Wconversion", "-Wsign-conversion", "-Wshadow", "-Wundef", "-fno-exceptions",
        ])
    }

    func compile(language: String, compiler: String, standard: String, warnings: [String]) throws {
        let directory = try Shell.temporaryDirectory("strict-\(standard)")
        let source = directory.appendingPathComponent("strict.c")
        try (Self.program + "\n").write(to: source, atomically: true, encoding: .utf8)
        let include = Repository.layout.sysrootInclude.path
        let result = try Shell.run(compiler, [
            "--target=wasm32-wasi", "--sysroot=" + Repository.layout.sysroot.path, "-I" + include, "-std=" + standard,
            "-Werror", "-x", language, source.path, "-c", "-o", directory.appendingPathComponent("strict.o").path,
        ] + warnings)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(standard):\n\(result.stderr)")
    }
}
