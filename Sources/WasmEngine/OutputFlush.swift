import Foundation

/// Work that must happen before the process ends abruptly (a fatal MPI error calls MPI_Abort):
/// engines register flushes of guest output they still hold.
public enum OutputFlush {
    nonisolated(unsafe) private static var actions: [() -> Void] = []
    private static let lock = NSLock()

    public static func register(_ action: @escaping () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        actions.append(action)
    }

    /// Runs every registered flush once.
    public static func run() {
        lock.lock()
        let pending = actions
        actions = []
        lock.unlock()
        pending.forEach { $0() }
    }

    /// Waits, at most `limit` seconds, until whoever reads this process's stdout and stderr (the
    /// MPI launcher, through pipes) has taken what was written to them: before MPI_Abort, whose
    /// launcher may end the job before forwarding the last lines, the ones that say why.
    public static func awaitReaders(limit: Double = 1) {
        let deadline = Date(timeIntervalSinceNow: limit)
        var unread: Int32 = 0
        while Date() < deadline, [STDOUT_FILENO, STDERR_FILENO].contains(where: { ioctl($0, UInt(FIONREAD), &unread) == 0 && unread > 0 }) {
            usleep(1000)
        }
    }
}
