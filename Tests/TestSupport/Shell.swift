import Foundation

/// Runs external tools for the tests (clang, mpicc, mpirun, the built CLI), capturing output.
public enum Shell {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs a tool with a clean signal mask and default signal actions.
    ///
    /// Foundation's `Process` passes on the spawning thread's signal mask, and Swift's
    /// concurrency threads block SIGCHLD: tools built on libuv (cmake) then wait forever
    /// for their children. `posix_spawn` with an empty mask avoids that.
    ///
    /// A tool still running after `timeLimit` seconds is ended with everything it started (an
    /// MPI launcher and its ranks): a hung job fails its test, with the output so far and the
    /// command, instead of holding the suite until CI's own limit.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
                           timeLimit: Double = defaultTimeLimit) throws -> Result {
        // The shell changes directory (glibc's addchdir is not visible to Swift) and finds the tool on PATH.
        let path = "/bin/sh"
        let argv = ["sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", directory?.path ?? "."] + [executable] + arguments
        let env = inheritedEnvironment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out.fileHandleForWriting.fileDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, err.fileHandleForWriting.fileDescriptor, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // Its own process group, so that a timeout ends the launcher and everything it started.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, cArguments, cEnvironment)
        try? out.fileHandleForWriting.close()
        try? err.fileHandleForWriting.close()
        guard spawned == 0 else { throw SpawnError(description: "cannot run \(executable): error \(spawned)") }
        // Read both pipes at once so a chatty tool cannot block on a full pipe.
        let output = Output()
        let readers = [(out, \Output.stdout), (err, \Output.stderr)].map { pipe, field in
            let reader = Thread {
                let handle = pipe.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    output.lock.withLock { output[keyPath: field].append(chunk) }
                }
            }
            reader.start()
            return reader
        }
        var status: Int32 = 0
        var timedOut = false
        var descendants: [pid_t] = []
        let deadline = Date(timeIntervalSinceNow: timeLimit)
        var killDeadline = Date.distantFuture
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited == -1 && errno != EINTR) { break }
            if !timedOut && Date() >= deadline {
                // mpirun puts each rank in a process group of its own: note them all before
                // anything dies (orphans lose their parent link), ask politely (mpirun passes
                // SIGTERM on to its ranks), then kill whatever is left. A rank left spinning
                // in MPI would slow every later test on this small machine.
                timedOut = true
                descendants = ProcessTree.descendants(of: pid)
                kill(-pid, SIGTERM)
                killDeadline = Date(timeIntervalSinceNow: 10)
            }
            if timedOut && Date() >= killDeadline {
                kill(-pid, SIGKILL)
                killDeadline = .distantFuture
            }
            usleep(timedOut ? 1000 : 5000)
        }
        if timedOut { ProcessTree.kill(descendants + descendants.flatMap(ProcessTree.descendants(of:))) }
        // Processes outside the group (a daemon the tool left behind) may keep the pipes open:
        // wait for their end of output a while, not for ever.
        let drained = Date(timeIntervalSinceNow: timedOut ? 5 : 60)
        while readers.contains(where: { !$0.isFinished }) && Date() < drained { usleep(1000) }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return output.lock.withLock {
            var stderr = String(decoding: output.stderr, as: UTF8.self)
            if timedOut {
                stderr += "\nShell.run: killed after \(Int(timeLimit)) s: \(([executable] + arguments).joined(separator: " "))\n"
            }
            return Result(status: timedOut ? 124 : exitStatus, stdout: String(decoding: output.stdout, as: UTF8.self), stderr: stderr)
        }
    }

    /// Long enough for any one command of the suite on a loaded machine (the longest, the whole
    /// matrix, passes its own limit); a command past it is hung.
    public static let defaultTimeLimit: Double = 900

    final class Output: @unchecked Sendable {
        let lock = NSLock()
        var stdout = Data(), stderr = Data()
    }

    struct SpawnError: Error, CustomStringConvertible { let description: String }

    /// This process's environment without what an MPI singleton in it (the translation tests
    /// call MPI_Init) adds: a child `mpirun` would take those for its own job's.
    static var inheritedEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { key, _ in
            key.hasPrefix("OMPI_ALLOW_RUN_AS_ROOT")
                || !["OMPI_", "PMIX_", "ORTE_", "OPAL_"].contains { key.hasPrefix($0) }
        }
    }

    /// `mpirun` as the tests use it: as root, oversubscribed, with a one-sided component that
    /// works on a single node (Open MPI 4.1.4's default osc/rdma crashes in MPI_Win_create here).
    public static func mpirun(np: Int, _ command: [String], timeLimit: Double = defaultTimeLimit) throws -> Result {
        try run("mpirun", ["--oversubscribe", "--allow-run-as-root", "--mca", "osc", "sm,pt2pt", "-np", String(np)] + command, timeLimit: timeLimit)
    }

    public static func temporaryDirectory(_ name: String) throws -> URL {
        // Unique per call: suites run in parallel and may ask for the same name.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mpiwasm-tests-\(getpid())/\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
