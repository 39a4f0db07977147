import Foundation

/// Where the SDK's inputs and outputs live inside the project (or an installed SDK tree).
public struct ProjectLayout: Sendable, Equatable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var annotations: URL { root.appendingPathComponent("headers/annotations.tsv") }
    public var abiConstants: URL { root.appendingPathComponent("headers/mpi-abi-constants.tsv") }
    public var abiExtensions: URL { root.appendingPathComponent("headers/abi-extensions.tsv") }
    public var templates: URL { root.appendingPathComponent("templates") }
    public var compatHeaders: URL { root.appendingPathComponent("headers/compat") }
    public var sysroot: URL { root.appendingPathComponent("sysroot") }
    public var sysrootInclude: URL { sysroot.appendingPathComponent("include") }
    /// Host-specific generated files: the model dump and the coverage report.
    public func generated(for implementation: String) -> URL {
        root.appendingPathComponent("generated").appendingPathComponent(Self.slug(implementation))
    }

    /// Host-specific C compiled into the runtime against the host's mpi.h (the constants table).
    public func hostShims(for implementation: String) -> URL {
        root.appendingPathComponent("Sources/CMPIShims/generated").appendingPathComponent(Self.slug(implementation))
    }

    /// The generated Swift host bindings.
    public func bindings(for implementation: String) -> URL {
        root.appendingPathComponent("Sources/MPIBindings/generated").appendingPathComponent(Self.slug(implementation))
    }

    /// The generated validation-matrix programs (`mpiwasm-sdk matrix` builds and runs them).
    public func matrix(for implementation: String) -> URL {
        root.appendingPathComponent("Tests/Matrix/generated").appendingPathComponent(Self.slug(implementation))
    }

    /// The matrix's case templates and support header.
    public var matrixTemplates: URL { templates.appendingPathComponent("matrix") }

    /// The generated fuzz program (`mpiwasm-sdk fuzz` builds and runs it).
    public func fuzz(for implementation: String) -> URL {
        root.appendingPathComponent("Tests/Fuzz/generated").appendingPathComponent(Self.slug(implementation))
    }

    /// `Open MPI` -> `openmpi`, `MPICH` -> `mpich`.
    static func slug(_ implementation: String) -> String {
        implementation.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Finds the project: `MPIWASM_HOME`, else the nearest directory above `start` (the
    /// working directory, then the executable's directory) that has `headers/annotations.tsv`.
    public static func locate(from start: URL? = nil) throws -> ProjectLayout {
        if let home = ProcessInfo.processInfo.environment["MPIWASM_HOME"], !home.isEmpty {
            return ProjectLayout(root: URL(fileURLWithPath: home))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let starts = [start, URL(fileURLWithPath: FileManager.default.currentDirectoryPath), executable].compactMap { $0 }
        for start in starts {
            var directory = start.standardizedFileURL
            while directory.path != "/" {
                let layout = ProjectLayout(root: directory)
                if FileManager.default.fileExists(atPath: layout.annotations.path) { return layout }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw SDKError.noProject
    }
}
