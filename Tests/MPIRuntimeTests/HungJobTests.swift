import Foundation
import TestSupport
import Testing

/// The suite's own guard against hangs: a job past its time limit ends with every rank, so
/// that one hung test cannot leave ranks spinning that slow every later one.
struct HungJobTests {
    @Test func aJobPastItsTimeLimitEndsWithAllItsRanks() throws {
        let marker = "mpiwasm-hung-\(UUID().uuidString.prefix(8))"
        // Each rank ignores SIGTERM, as a rank busy in MPI may, and runs until it is killed.
        let start = Date()
        let result = try Shell.mpirun(np: 2, ["bash", "-c", "trap '' TERM; exec -a \(marker) sleep 600"], timeLimit: 3)
        #expect(result.status == 124)
        #expect(result.stderr.contains("killed after 3 s"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 60)
        let left = try Shell.run("pgrep", ["-f", marker])
        #expect(left.stdout.isEmpty, "ranks left running: \(left.stdout)")
    }
}
