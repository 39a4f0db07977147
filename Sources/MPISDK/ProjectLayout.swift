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
    /// C compiled for the guest and linked into every module the SDK builds (the allocator wrapper).
    public var guestSources: URL { root.appendingPathComponent("headers/guest") }
    /// Where the sysroot keeps the guest objects compiled from `guestSources`.
    public var sysrootGuestLib: URL { sysroot.appendingPathComponent("lib/mpiwasm") }
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

    /// The host MPI the sysroot's mpi.h was generated from (its `MPIWASM_HOST_MPI` line, e.g.
    /// `Open MPI` of `"Open MPI 4.1.4"`): guests are compiled against it, so the guest programs
    /// of that host (the matrix, the fuzz program) are the ones every host runs.
    public func sysrootImplementation() throws -> String {
        let header = sysrootInclude.appendingPathComponent("mpi.h")
        guard let text = try? String(contentsOf: header, encoding: .utf8) else {
            throw SDKError.unreadable(path: header.path, reason: "no sysroot header; run `mpiwasm-sdk generate`")
        }
        let marker = "#define MPIWASM_HOST_MPI \""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) else {
            throw SDKError.unreadable(path: header.path, reason: "it has no MPIWASM_HOST_MPI line; run `mpiwasm-sdk generate`")
        }
        let value = line.dropFirst(marker.count).prefix { $0 != "\"" }
        // The implementation is everything before the version number.
        return value.split(separator: " ").prefix { !($0.first?.isNumber ?? false) }.joined(separator: " ")
    }

    /// `Open MPI` -> `openmpi`, `MPICH` -> `mpich`.
    public static func slug(_ implementation: String) -> String {
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
