import Foundation
import MPISDK
import TestSupport
import Testing

/// Modules the SDK links start large malloc and calloc blocks on a page, as glibc does natively
/// (headers/guest/large_alloc.c), and the blocks behave as any other: freed, reallocated,
/// zeroed by calloc, reused.
@Suite(.serialized) struct LargeAllocationTests {
    static let program = """
        #include <mpi.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        static int offset(const void *p) { return (int)((uintptr_t)p % 4096); }
        int main(int argc, char **argv) {
            MPI_Init(&argc, &argv);
            size_t sizes[] = {200001, 131072, 4 << 20, 131071, 24, 4096};
            char *blocks[6];
            for (int i = 0; i < 6; i++) {
                blocks[i] = malloc(sizes[i]);
                memset(blocks[i], i + 1, sizes[i]);
            }
            for (int i = 0; i < 6; i++) printf("malloc %zu: offset %d\\n", sizes[i], offset(blocks[i]));
            for (int i = 0; i < 6; i++)
                for (size_t j = 0; j < sizes[i]; j++)
                    if (blocks[i][j] != i + 1) { printf("block %d overwritten at %zu\\n", i, j); return 1; }
            blocks[0] = realloc(blocks[0], 1 << 20);
            for (size_t j = 0; j < 200001; j++) if (blocks[0][j] != 1) { printf("realloc lost byte %zu\\n", j); return 1; }
            for (int i = 0; i < 6; i++) free(blocks[i]);
            unsigned char *zeroed = calloc(3, 100000);
            size_t nonzero = 0;
            for (size_t j = 0; j < 300000; j++) nonzero += zeroed[j] != 0;
            printf("calloc 300000: offset %d, %zu nonzero\\n", offset(zeroed), nonzero);
            free(zeroed);
            void *volatile overflow = calloc(SIZE_MAX / 2 + (size_t)argc, 4);
            printf("calloc overflow: %s\\n", overflow == NULL ? "NULL" : "a block");
            for (int round = 0; round < 200; round++) {
                void *p = malloc(1 << 20), *q = calloc(1, 300000);
                if (!p || !q || offset(p) || offset(q)) { printf("round %d: %p %p\\n", round, p, q); return 1; }
                free(p);
                free(q);
            }
            printf("done\\n");
            MPI_Finalize();
            return 0;
        }
        """

    @Test(arguments: ["wasmtime", "wasmkit"])
    func largeBlocksStartOnAPageAndBehaveAsAnyOther(engine: String) throws {
        let directory = try Shell.temporaryDirectory("large-alloc")
        let source = directory.appendingPathComponent("alloc.c")
        try Self.program.write(to: source, atomically: true, encoding: .utf8)
        let module = directory.appendingPathComponent("alloc.wasm")
        let build = try Shell.run(Repository.sdkExecutable, ["cc", "-O1", "-Wall", "-Werror", source.path, "-o", module.path], in: Repository.root)
        try #require(build.status == 0, "\(build.stderr)")
        let run = try Shell.mpirun(np: 1, [Repository.runtimeExecutable, "run", "--engine", engine, module.path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout == """
            malloc 200001: offset 0
            malloc 131072: offset 0
            malloc 4194304: offset 0
            malloc 131071: offset \(Self.offsetLine(run.stdout, 3))
            malloc 24: offset \(Self.offsetLine(run.stdout, 4))
            malloc 4096: offset \(Self.offsetLine(run.stdout, 5))
            calloc 300000: offset 0, 0 nonzero
            calloc overflow: NULL
            done

            """)
        // Below the threshold, blocks stay where WASI libc's allocator puts them (8 or 16 bytes in).
        #expect((3...5).allSatisfy { Self.offsetLine(run.stdout, $0) != "0" })
    }

    static func offsetLine(_ output: String, _ line: Int) -> String {
        let lines = output.split(separator: "\n")
        return line < lines.count ? String(lines[line].split(separator: " ").last ?? "") : "?"
    }

    @Test func theLinkCommandAddsTheObjectAndTheWrapOptions() {
        let command = CompilerDriver(layout: Repository.layout, language: .c).command(["app.c", "-o", "app.wasm"])
        #expect(command.suffix(3) == [Repository.layout.sysroot.path + "/lib/mpiwasm/large_alloc.o", "-Wl,--wrap=malloc", "-Wl,--wrap=calloc"])
        #expect(!CompilerDriver(layout: Repository.layout, language: .c).command(["-c", "app.c"]).contains("-Wl,--wrap=malloc"))
    }
}
