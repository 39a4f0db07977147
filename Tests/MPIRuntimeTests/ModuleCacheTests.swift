import Foundation
import TestSupport
import Testing
@testable import WasmtimeEngine

/// Compiled modules cached on disk: named by content, shared by concurrent ranks, refused
/// (and compiled again) when an entry does not fit the engine.
@Suite(.serialized) struct ModuleCacheTests {
    @Test func entriesAreNamedBySHA256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    static func run(_ module: URL, cache: URL, np: Int) throws -> Shell.Result {
        try Shell.run("/usr/bin/env", ["MPIWASM_CACHE_DIR=" + cache.path, "mpirun", "--allow-run-as-root", "--oversubscribe", "-np", "\(np)",
                                       "-x", "MPIWASM_CACHE_DIR", TestModules.runtimeExecutable, "run", "--engine", "wasmtime", "--verbose", module.path])
    }

    @Test func ranksCompileOnceThenLoadTheCompiledModule() throws {
        let module = try Shell.temporaryDirectory("cached-module").appendingPathComponent("hello.wasm")
        let build = try Shell.run("/usr/bin/clang-19", [
            "--target=wasm32-wasi", "--sysroot=" + TestModules.root.appendingPathComponent("sysroot").path, "-O2",
            TestModules.root.appendingPathComponent("examples/hello.c").path, "-o", module.path,
        ])
        try #require(build.status == 0, "\(build.stderr)")
        let cache = try Shell.temporaryDirectory("module-cache")
        let first = try Self.run(module, cache: cache, np: 4)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("module cache: compiled and stored in \(cache.path)/"), "\(first.stderr)")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(entries.count == 1 && entries[0].hasSuffix(".cwasm"), "one entry, no temporary files left: \(entries)")

        let second = try Self.run(module, cache: cache, np: 2)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.components(separatedBy: "module cache: compiled module from").count == 3, "both ranks load it: \(second.stderr)")

        try Data("not a compiled module".utf8).write(to: cache.appendingPathComponent(entries[0]))
        let damaged = try Self.run(module, cache: cache, np: 1)
        #expect(damaged.status == 0, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("does not fit this engine"), "\(damaged.stderr)")
        #expect(damaged.stdout.contains("hello from rank 0 of 1"))
    }
}
