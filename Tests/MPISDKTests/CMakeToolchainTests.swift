import Foundation
import TestSupport
import Testing
import WasmEngine

/// An existing CMake MPI project builds for wasm with one flag: the toolchain file.
@Suite struct CMakeToolchainTests {
    @Test func findPackageMPIAndTheExamplesBuildWithTheToolchainFile() throws {
        let project = try Shell.temporaryDirectory("cmake")
        try """
            cmake_minimum_required(VERSION 3.13)
            project(examples C CXX)
            find_package(MPI REQUIRED)
            add_executable(ring \(Repository.examples.path)/ring.c)
            target_link_libraries(ring PRIVATE MPI::MPI_C)
            add_executable(halo \(Repository.examples.path)/halo.cpp)
            target_link_libraries(halo PRIVATE MPI::MPI_CXX)
            """.write(to: project.appendingPathComponent("CMakeLists.txt"), atomically: true, encoding: .utf8)
        let toolchain = Repository.root.appendingPathComponent("cmake/mpiwasm-toolchain.cmake").path
        let build = project.appendingPathComponent("build").path
        let configure = try Shell.run("cmake", ["-DCMAKE_TOOLCHAIN_FILE=" + toolchain, "-S", project.path, "-B", build])
        try #require(configure.status == 0, "cmake configure failed:\n\(configure.stdout)\n\(configure.stderr)")
        #expect(configure.stdout.contains("Found MPI_C"), "\(configure.stdout)")
        #expect(configure.stdout.contains("found version \"3.1\""), "FindMPI should see the host's MPI version")
        let compile = try Shell.run("cmake", ["--build", build])
        #expect(compile.status == 0, "\(compile.stdout)\n\(compile.stderr)")
        for name in ["ring.wasm", "halo.wasm"] {
            let module = URL(fileURLWithPath: build).appendingPathComponent(name)
            #expect(try ModuleInfo(bytes: [UInt8](Data(contentsOf: module))).imports.contains { $0.module == "mpi" && $0.name == "MPI_Init" })
        }
    }
}
