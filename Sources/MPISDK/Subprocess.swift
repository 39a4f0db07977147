import Foundation

/// Runs a command to completion with its output in files (no pipe can fill up and stall it),
/// ending it when it outlives its time limit.
struct Subprocess {
    struct Result {
        /// nil when the time limit ended it.
        let status: Int32?
        let stdout: String
        let stderr: String
    }

    let command: [String]
    var environment: [String: String]? = nil

    func run(stdout: URL, stderr: URL, timeLimit: TimeInterval? = nil) throws -> Result {
        let manager = FileManager.default
        // Opening for writing below fails, with the reason, if these could not be created.
        _ = manager.createFile(atPath: stdout.path, contents: nil)
        _ = manager.createFile(atPath: stderr.path, contents: nil)
        let out = try FileHandle(forWritingTo: stdout), err = try FileHandle(forWritingTo: stderr)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if let timeLimit, finished.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Result(status: timedOut ? nil : process.terminationStatus, stdout: read(stdout), stderr: read(stderr))
    }
}
