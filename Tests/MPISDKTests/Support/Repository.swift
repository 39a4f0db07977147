import Foundation
import MPISDK
import TestSupport

/// The repository, its test programs and examples, and the built executables.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let layout = ProjectLayout(root: root)
    static let programs = root.appendingPathComponent("Tests/Programs")
    static let examples = root.appendingPathComponent("examples")

    /// `mpiwasm-sdk` beside the test bundle in the build directory.
    static var sdkExecutable: String { BuiltExecutables.beside("mpiwasm-sdk") }

    /// `mpiwasm` beside the test bundle: the runtime built against Open MPI.
    static var runtimeExecutable: String { BuiltExecutables.beside("mpiwasm") }

    /// C and C++ sources of a directory, sorted.
    static func sources(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".c") || $0.hasSuffix(".cpp") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
