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
}
