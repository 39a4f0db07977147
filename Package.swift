// swift-tools-version:6.0
import PackageDescription

/// libclang 14's headers live outside the default include path on Debian
/// (`/usr/lib/llvm-14/include`); every target that (transitively) loads the
/// `CClang` module needs to see them.
let libclangInclude: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/lib/llvm-14/include"])]

/// The host MPI the runtime is built against: Open MPI by default, `MPIWASM_HOST_MPI=mpich`
/// for MPICH (pkg-config names `ompi-c` and `mpich`).
let hostMPI = Context.environment["MPIWASM_HOST_MPI"] == "mpich" ? "mpich" : "ompi-c"
/// Hand-written runtime code that names host handle types spells them through `HostHandle`.
let hostSettings: [SwiftSetting] = hostMPI == "mpich" ? [.define("MPIWASM_HOST_MPICH")] : []
/// The binding path (one thread per rank) without run-time exclusivity checks: every access to
/// the runtime's tables would otherwise be registered and checked, on every MPI call. The
/// compile-time checks stay.
let bindingPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "mpiwasm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mpiwasm-sdk", targets: ["MpiwasmSDKCLI"]),
        .executable(name: "mpiwasm", targets: ["MpiwasmCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftwasm/WasmKit", .upToNextMinor(from: "0.4.2")),
    ],
    targets: [
        // libclang's C API, the only module that declares `clang_*`.
        .systemLibrary(name: "CClang", path: "Sources/CClang"),
        // Thin Swift wrapper over libclang: translation units, cursors, types, evaluation.
        .target(name: "ClangFrontEnd", dependencies: ["CClang"], swiftSettings: libclangInclude),
        // The model of the MPI API (IR): knows nothing of libclang or of any output.
        .target(name: "MPIModel"),
        // parse stage: host mpi.h -> raw model (functions, typedefs, constants).
        .target(name: "MPIScanner", dependencies: ["ClangFrontEnd", "MPIModel"], swiftSettings: libclangInclude),
        // classify stage: raw model + annotations -> parameter semantics.
        .target(name: "MPISemantics", dependencies: ["MPIModel"]),
        // render stage: wasm mpi.h, JSON dump, coverage report.
        .target(name: "MPIEmitters", dependencies: ["MPIModel", "MPISemantics"]),
        // The SDK pipeline: host discovery, generate, sysroot, drift check, compiler driver.
        .target(
            name: "MPISDK",
            dependencies: ["MPIModel", "MPIScanner", "MPISemantics", "MPIEmitters"],
            swiftSettings: libclangInclude),
        .executableTarget(
            name: "MpiwasmSDKCLI",
            dependencies: ["MPISDK", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: libclangInclude),
        // The engine interface the MPI bindings are written against; names no engine.
        .target(name: "WasmEngine"),
        // Wasmtime's C API, declared here and loaded with dlopen.
        .target(name: "CWasmtime", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "WasmtimeEngine", dependencies: ["WasmEngine", "CWasmtime"], swiftSettings: bindingPath),
        .target(
            name: "WasmKitEngine",
            dependencies: [
                "WasmEngine", .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmKitWASI", package: "WasmKit"),
            ]),
        // The host's MPI library and header, and the C the runtime needs compiled against it.
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: hostMPI),
        .target(
            name: "CMPIShims", dependencies: ["CMPI"],
            exclude: hostMPI == "mpich" ? ["generated/openmpi"] : ["generated/mpich"]),
        // The machinery the generated bindings call: handle tables, constants, errors, statuses.
        .target(name: "MPITranslation", dependencies: ["CMPI", "CMPIShims", "WasmEngine", "MPIModel"], swiftSettings: hostSettings + bindingPath),
        // The generated host bindings, for the host MPI built against.
        .target(
            name: "MPIBindings", dependencies: ["CMPI", "MPITranslation", "WasmEngine"],
            exclude: hostMPI == "mpich" ? ["generated/openmpi"] : ["generated/mpich"], swiftSettings: bindingPath),
        // `mpiwasm run`: engine choice, module checks, WASI set-up.
        .target(name: "MPIRuntime", dependencies: ["WasmEngine", "WasmtimeEngine", "WasmKitEngine", "MPIBindings", "MPITranslation"]),
        .executableTarget(
            name: "MpiwasmCLI",
            dependencies: ["MPIRuntime", "MPITranslation", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "MPIScannerTests", dependencies: ["MPIScanner", "MPISDK"],
            exclude: ["Fixtures"], swiftSettings: libclangInclude),
        .testTarget(name: "MPISemanticsTests", dependencies: ["MPISemantics", "MPIModel"]),
        // Helpers shared by the test targets: running tools, temporary folders.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "MPISDKTests", dependencies: ["MPISDK", "MPIEmitters", "WasmEngine", "TestSupport"],
            swiftSettings: libclangInclude),
        .testTarget(name: "MPIRuntimeTests", dependencies: ["MPIRuntime", "MPIEmitters", "MPITranslation", "WasmEngine", "TestSupport"], exclude: ["Modules"]),
        .testTarget(name: "MPITranslationTests", dependencies: ["MPITranslation", "CMPI", "MPIModel"]),
    ]
)
