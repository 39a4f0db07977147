import Foundation
import MPISDK
import TestSupport
import Testing

@Suite struct SysrootAssemblerTests {
    /// A project copy with the committed headers, so assembling does not touch the repository.
    func scratchLayout(_ name: String) throws -> ProjectLayout {
        let root = try Shell.temporaryDirectory(name)
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("sysroot/include"), withIntermediateDirectories: true)
        try manager.copyItem(at: Repository.root.appendingPathComponent("headers"), to: root.appendingPathComponent("headers"))
        try manager.copyItem(at: Repository.layout.sysrootInclude.appendingPathComponent("mpi.h"), to: root.appendingPathComponent("sysroot/include/mpi.h"))
        return ProjectLayout(root: root)
    }

    @Test func assemblingLinksTheSystemPartsAndIsIdempotent() throws {
        let layout = try scratchLayout("assemble")
        let assembler = SysrootAssembler(layout: layout)
        try assembler.assemble()
        #expect(assembler.isAssembled)
        let overlay = layout.sysrootInclude.appendingPathComponent("wasm32-wasi/unistd.h")
        let before = try FileManager.default.attributesOfItem(atPath: overlay.path)[.modificationDate] as? Date
        usleep(20_000)
        try assembler.assemble()
        let after = try FileManager.default.attributesOfItem(atPath: overlay.path)[.modificationDate] as? Date
        #expect(before == after, "an up-to-date sysroot was rebuilt")
        let source = layout.root.appendingPathComponent("app.c")
        try "#include <mpi.h>\n#include <unistd.h>\nint main(void) { return getpagesize() == 65536 ? 0 : MPI_Finalize(); }\n"
            .write(to: source, atomically: true, encoding: .utf8)
        let result = try Shell.run("/usr/bin/clang-19", ["--target=wasm32-wasi", "--sysroot=" + layout.sysroot.path, source.path, "-o", layout.root.appendingPathComponent("app.wasm").path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aMissingToolchainPieceIsNamedWithItsPackage() throws {
        var toolchain = WasmToolchain()
        toolchain.builtins = "/nonexistent/libclang_rt.builtins-wasm32.a"
        let error = try #require(throws: SDKError.self) { try SysrootAssembler(layout: scratchLayout("missing"), toolchain: toolchain).assemble() }
        #expect(error.description.contains("libclang-rt-19-dev-wasm32"))
        #expect(error.description.contains("apt-get install"))
    }
}
