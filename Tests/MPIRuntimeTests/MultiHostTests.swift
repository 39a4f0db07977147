import Foundation
import TestSupport
import Testing

/// Ranks on two nodes, through the site's own launcher: Open MPI's mpirun and MPICH's Hydra
/// start the remote ranks through their remote-shell agent, here `Tests/MultiHost/cluster.sh
/// agent`, which enters the other node's namespaces as ssh would log in to it. Each node has
/// its own network namespace (the nodes talk TCP over a veth link), host name and node-local
/// directory. Each test gets its own two nodes, removed when it ends.
@Suite(.serialized) final class MultiHostTests {
    enum Launcher: String, CaseIterable, CustomTestStringConvertible {
        case openMPI = "Open MPI", mpich = "MPICH"
        var testDescription: String { rawValue }

        /// Ranks on each node. MPICH 4.0.2 over UCX 1.13's TCP transport hangs in MPI_Finalize in
        /// about one job in four once a job has more than two ranks (one rank left progressing
        /// its endpoint closes while the others wait in the PMI barrier); native builds do the
        /// same, on one node as on two, so MPICH's job has one rank per node.
        var ranksPerNode: Int { self == .openMPI ? 2 : 1 }

        /// Each node's ranks, node a's first.
        var nodes: [(name: String, ranks: [Int])] {
            [("a", Array(0..<ranksPerNode)), ("b", Array(ranksPerNode..<2 * ranksPerNode))]
        }
        var last: Int { 2 * ranksPerNode - 1 }
    }

    static let script = TestModules.root.appendingPathComponent("Tests/MultiHost/cluster.sh").path
    /// At most 12 characters: the links are `<name>-a0` and `<name>-b0` (15 at most).
    let name = "mwt\(getpid() % 100_000)"
    let directory: URL
    let module: URL

    init() throws {
        try #require(geteuid() == 0, "the multi-host test creates network namespaces, which needs root (CI runs as root)")
        directory = try Shell.temporaryDirectory("multihost")
        module = try TestModules.build("multihost")
        let up = try Shell.run(Self.script, ["up", name, directory.path])
        try #require(up.status == 0, "cluster.sh up failed: \(up.stderr)")
        // Hydra takes the agent as one executable.
        let agent = directory.appendingPathComponent("agent.sh")
        try "#!/bin/sh\nexec \(Self.script) agent \(name) \(directory.path) \"$@\"\n".write(to: agent, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: agent.path)
    }

    deinit { _ = try? Shell.run(Self.script, ["down", name]) }

    /// The launcher on node a, `ranksPerNode` ranks on each node, TCP only (over the link;
    /// UCX, under MPICH, would otherwise use shared memory, which the two nodes of one kernel
    /// share). Each node's module cache is its own (in the directory mounted at DIR/node there).
    func launch(_ launcher: Launcher, _ arguments: [String]) throws -> Shell.Result {
        let command: [String]
        let slots = launcher.ranksPerNode, ranks = String(2 * slots)
        var environment = ["MPIWASM_CACHE_DIR": directory.path + "/node/cache"]
        switch launcher {
        case .openMPI:
            let hosts = directory.appendingPathComponent("hosts")
            try "10.213.0.1 slots=\(slots)\n10.213.0.2 slots=\(slots)\n".write(to: hosts, atomically: true, encoding: .utf8)
            command = [
                "mpirun.openmpi", "--allow-run-as-root", "--hostfile", hosts.path, "-np", ranks,
                "--mca", "plm_rsh_agent", directory.appendingPathComponent("agent.sh").path,
                "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include", "10.213.0.0/24", "--mca", "oob_tcp_if_include", "10.213.0.0/24",
                TestModules.runtimeExecutable,
            ]
        case .mpich:
            environment["UCX_TLS"] = "tcp,self"
            command = [
                "mpiexec.mpich", "-hosts", "10.213.0.1:\(slots),10.213.0.2:\(slots)", "-n", ranks,
                "-launcher", "rsh", "-launcher-exec", directory.appendingPathComponent("agent.sh").path, "-iface", "\(name)-a0",
                try BuiltExecutables.mpichRuntime(),
            ]
        }
        // MPICH's finalize hang (see `ranksPerNode`) also strikes two ranks, rarely: such a run
        // ends at the wall-clock limit, and runs again (up to twice).
        let limit = 90.0
        let timed = launcher == .mpich ? ["--time-limit", "\(limit)"] : []
        let run = ["run", "--engine", "wasmtime", "--dir", directory.path + "/node::/node"] + timed + [module.path] + arguments
        var result = try Shell.run(Self.script, ["run", name, directory.path, "a"] + command + run, environment: environment)
        for _ in 0..<2 where result.stderr.contains("the wall-clock limit of \(limit) s is reached") {
            result = try Shell.run(Self.script, ["run", name, directory.path, "a"] + command + run, environment: environment)
        }
        return result
    }

    /// Bytes node a's end of the link has sent and received.
    func linkBytes() throws -> Int {
        Int(try Shell.run(Self.script, ["bytes", name, "a"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test(arguments: Launcher.allCases)
    func ranksInTwoNetworkNamespacesExchangeMessagesOverTheLink(launcher: Launcher) throws {
        let before = try linkBytes()
        let result = try launch(launcher, [])
        let after = try linkBytes()
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        let last = launcher.last
        let placed = launcher.nodes.flatMap { node in node.ranks.map { "rank \($0) of \(last + 1) on node-\(node.name)" } }
        #expect(lines.isSuperset(of: placed), "every rank's output reaches the launcher, the remote node's too:\n\(result.stdout)")
        #expect(lines.contains("rank 0 exchanged 4194304 bytes with rank \(last): ok") && lines.contains("rank \(last) exchanged 4194304 bytes with rank 0: ok"),
                "\(result.stdout)")
        #expect(lines.contains("multihost: ok"))
        #expect(after - before >= 2 * 4_194_304, "the 4 MiB each way crossed the link: \(after - before) bytes")
        for (node, ranks) in launcher.nodes {
            let local = directory.appendingPathComponent("node-\(node)")
            for rank in ranks {
                let written = try? String(contentsOf: local.appendingPathComponent("rank-\(rank)"), encoding: .utf8)
                #expect(written == "node-\(node)\n", "rank \(rank) wrote into node \(node)'s pre-opened directory")
            }
            let cached = (try? FileManager.default.contentsOfDirectory(atPath: local.appendingPathComponent("cache").path)) ?? []
            #expect(cached.filter { $0.hasSuffix(".cwasm") }.count == 1, "node \(node) compiled the module once, into its own cache: \(cached)")
        }
    }

    @Test(arguments: Launcher.allCases)
    func aRankExitingOnTheRemoteNodeEndsTheJobWithItsCode(launcher: Launcher) throws {
        let result = try launch(launcher, ["3"])
        #expect(result.status == 3, "the launcher's exit code is the rank's: \(result.status)\n\(result.stderr)")
        #expect(result.stderr.contains("mpiwasm[rank \(launcher.last)]: the module exited with status 3 before MPI_Finalize; the job ends"), "\(result.stderr)")
    }
}
