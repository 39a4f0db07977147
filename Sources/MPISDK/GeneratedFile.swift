import Foundation

/// One output of the generator, rendered in memory before anything is written.
public struct GeneratedFile: Sendable, Equatable {
    public let url: URL
    public let contents: String

    public init(url: URL, contents: String) {
        self.url = url
        self.contents = contents
    }
}

extension Array where Element == GeneratedFile {
    /// Writes all files or none: each is staged next to its destination, and only when every
    /// stage succeeded are they renamed into place.
    public func writeAtomically() throws {
        let manager = FileManager.default
        var staged: [(URL, URL)] = []
        do {
            for file in self {
                let directory = file.url.deletingLastPathComponent()
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
                let temporary = directory.appendingPathComponent(".\(file.url.lastPathComponent).mpiwasm-tmp")
                try Data(file.contents.utf8).write(to: temporary)
                staged.append((temporary, file.url))
            }
        } catch {
            for (temporary, _) in staged { try? manager.removeItem(at: temporary) }
            let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String ?? first?.url.path ?? ""
            throw SDKError.unwritable(path: path, reason: error.localizedDescription)
        }
        for (temporary, destination) in staged {
            _ = try? manager.removeItem(at: destination)
            try manager.moveItem(at: temporary, to: destination)
        }
    }

    /// A unified-style listing of files whose committed contents differ from these.
    public func drift() -> String {
        var report = ""
        for file in self {
            let current = (try? String(contentsOf: file.url, encoding: .utf8))
            guard current != file.contents else { continue }
            report += lineDiff(path: file.url.path, old: current, new: file.contents)
        }
        return report
    }
}

/// A compact diff: the changed lines of each file, with their line numbers (at most 40 per file).
func lineDiff(path: String, old: String?, new: String) -> String {
    guard let old else { return "--- \(path): missing\n" }
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    var out = "--- \(path) (committed)\n+++ \(path) (generated now)\n"
    var shown = 0
    for i in 0..<Swift.max(a.count, b.count) where shown < 40 {
        let left = i < a.count ? a[i] : nil, right = i < b.count ? b[i] : nil
        guard left != right else { continue }
        if let left { out += "@\(i + 1) -\(left)\n" }
        if let right { out += "@\(i + 1) +\(right)\n" }
        shown += 1
    }
    return out
}
