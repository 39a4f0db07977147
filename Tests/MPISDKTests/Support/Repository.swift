import Foundation
import MPISDK

/// The repository, its test programs and examples, and the built executables.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let layout = ProjectLayout(root: root)
    static let programs = root.appendingPathComponent("Tests/Programs")
    static let examples = root.appendingPathComponent("examples")

    /// `mpiwasm-sdk` beside the test bundle in the build directory.
    static var sdkExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("mpiwasm-sdk").path
    }

    /// `mpiwasm` beside the test bundle: the runtime built against Open MPI.
    static var runtimeExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("mpiwasm").path
    }

    /// The runtime built against MPICH, which scripts/test.sh builds into `.build/mpich`.
    static func mpichRuntime() throws -> String {
        let configuration = URL(fileURLWithPath: runtimeExecutable).deletingLastPathComponent().lastPathComponent
        let path = root.appendingPathComponent(".build/mpich/\(configuration)/mpiwasm").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingTool("no MPICH runtime at \(path): build it with `MPIWASM_HOST_MPI=mpich swift build --scratch-path .build/mpich --product mpiwasm` (scripts/test.sh does)")
        }
        return path
    }

    struct MissingTool: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// C and C++ sources of a directory, sorted.
    static func sources(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".c") || $0.hasSuffix(".cpp") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
