import Foundation

/// The processes a test's tool started, found through /proc: MPI launchers give each rank a
/// process group of its own, so killing the launcher's group leaves the ranks running.
enum ProcessTree {
    /// Every living descendant of `root`, children before grandchildren.
    static func descendants(of root: pid_t) -> [pid_t] {
        let parents = parentOfEveryProcess()
        var found: [pid_t] = []
        var frontier = [root]
        while !frontier.isEmpty {
            let children = parents.filter { frontier.contains($0.value) }.map(\.key)
            found += children
            frontier = children
        }
        return found
    }

    static func kill(_ processes: [pid_t]) {
        for process in Set(processes) { _ = Foundation.kill(process, SIGKILL) }
    }

    /// pid -> parent pid, from the fourth field of /proc/PID/stat (after the parenthesized name,
    /// which may itself hold spaces and parentheses).
    private static func parentOfEveryProcess() -> [pid_t: pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var parents: [pid_t: pid_t] = [:]
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let nameEnd = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[pid] = parent }
        }
        return parents
    }
}
