import Foundation

/// A host MPI's own tools, and the `mpiwasm` runtime built against it: the compiler wrapper
/// that builds the native truth and the launcher that starts ranks (Open MPI's `mpirun`,
/// MPICH's Hydra `mpiexec`). The SDK's runners start every job through one of these.
public struct HostLauncher: Sendable, Equatable {
    /// `Open MPI` or `MPICH`.
    public let implementation: String
    /// The `mpiwasm` executable built against this host MPI.
    public let runtime: String
    public let mpicc: String
    public let mpicxx: String
    public let mpirun: String

    /// Tools by Debian's names (`mpicc.openmpi`, `mpiexec.mpich`, which let both be installed
    /// side by side), else the plain `mpicc` and `mpirun` on the path.
    public init(implementation: String, runtime: String) throws {
        self.implementation = implementation
        self.runtime = runtime
        switch implementation {
        case "Open MPI":
            mpicc = Self.tool("mpicc.openmpi") ?? "mpicc"
            mpicxx = Self.tool("mpicxx.openmpi") ?? "mpicxx"
            mpirun = Self.tool("mpirun.openmpi") ?? "mpirun"
        case "MPICH":
            mpicc = Self.tool("mpicc.mpich") ?? "mpicc"
            mpicxx = Self.tool("mpicxx.mpich") ?? "mpicxx"
            mpirun = Self.tool("mpiexec.mpich") ?? Self.tool("mpiexec.hydra") ?? "mpiexec"
        default:
            throw SDKError.host("no launcher known for host MPI \(implementation) (the runtime \(runtime) is built against it)")
        }
    }

    /// The host MPI `runtime` (an `mpiwasm`) is built against, from `mpiwasm host`.
    public static func of(runtime: String) throws -> HostLauncher {
        // Ranks start in other working directories (the matrix's runs directory).
        let runtime = URL(fileURLWithPath: runtime).standardizedFileURL.path
        let scratch = FileManager.default.temporaryDirectory
        let result = try Subprocess(command: [runtime, "host"]).run(
            stdout: scratch.appendingPathComponent("mpiwasm-host-\(getpid()).out"), stderr: scratch.appendingPathComponent("mpiwasm-host-\(getpid()).err"))
        guard result.status == 0, let first = result.stdout.split(separator: "\n").first else {
            throw SDKError.host("`\(runtime) host` failed (\(result.status.map(String.init) ?? "timed out")): \(result.stderr.prefix(500))")
        }
        return try HostLauncher(implementation: String(first), runtime: runtime)
    }

    /// The command that starts `ranks` ranks on this machine, oversubscribing it: Open MPI's
    /// mpirun as root when it runs as root, with its one-sided component chosen (Open MPI
    /// 4.1's default, osc/rdma, crashes in MPI_Win_create on a single node, natively too;
    /// sm and pt2pt work); Hydra oversubscribes without being asked.
    public func command(ranks: Int) -> [String] {
        switch implementation {
        case "Open MPI":
            return [mpirun, "--oversubscribe"] + (geteuid() == 0 ? ["--allow-run-as-root"] : []) + ["--mca", "osc", "sm,pt2pt", "-np", "\(ranks)"]
        default:
            return [mpirun, "-n", "\(ranks)"]
        }
    }

    /// A file name part: `openmpi`, `mpich`.
    public var slug: String { ProjectLayout.slug(implementation) }

    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
