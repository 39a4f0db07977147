import Foundation

/// The project's executables the tests run: those built beside the test bundle, and the
/// runtime built against MPICH.
public enum BuiltExecutables {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `name` (`mpiwasm`, `mpiwasm-sdk`) in the build directory of the test bundle.
    public static func beside(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name).path
    }

    /// The runtime built against MPICH, which scripts/test.sh builds into `.build/mpich`, in the
    /// test bundle's configuration.
    public static func mpichRuntime() throws -> String {
        let configuration = URL(fileURLWithPath: beside("mpiwasm")).deletingLastPathComponent().lastPathComponent
        let path = root.appendingPathComponent(".build/mpich/\(configuration)/mpiwasm").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        return path
    }

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "no MPICH runtime at \(path): build it with `MPIWASM_HOST_MPI=mpich swift build --scratch-path .build/mpich --product mpiwasm` (scripts/test.sh does)"
        }
    }
}
