// swift-tools-version:6.0
import PackageDescription

/// libclang 14's headers live outside the default include path on Debian
/// (`/usr/lib/llvm-14/include`); every target that (transitively) loads the
/// `CClang` module needs to see them.
let libclangInclude: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/lib/llvm-14/include"])]

let package = Package(
    name: "mpiwasm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mpiwasm-sdk", targets: ["MpiwasmSDKCLI"]),
        .executable(name: "mpiwasm", targets: ["MpiwasmCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .executableTarget(
            name: "MpiwasmCLI",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "MPIScannerTests", dependencies: ["MPIScanner", "MPISDK"],
            exclude: ["Fixtures"], swiftSettings: libclangInclude),
        .testTarget(name: "MPISemanticsTests", dependencies: ["MPISemantics", "MPIModel"]),
        .testTarget(
            name: "MPISDKTests", dependencies: ["MPISDK", "MPIEmitters"],
            swiftSettings: libclangInclude),
    ]
)
