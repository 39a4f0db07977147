import Foundation
import WasmEngine

/// Gives WasmKit's WASI a pipe for the guest's stdout or stderr and copies it to the real one
/// in whole lines, so that lines of different ranks never interleave under mpirun (WasmKit
/// writes each iovec of an `fd_write` separately; a native process writes its line at once).
final class LineForwarder: @unchecked Sendable {
    let writeEnd: Int32
    private let readEnd: Int32
    private let lines: LineBuffer
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(target: Int32) throws {
        var fds: [Int32] = [0, 0]
        // Close-on-exec: a child the host spawns must not hold the write end open (no EOF otherwise).
        guard pipe(&fds) == 0 else { throw EngineError.unavailable("cannot create a pipe for the guest's output") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        readEnd = fds[0]
        writeEnd = fds[1]
        lines = LineBuffer(target: target)
        Thread { [self] in forward() }.start()
        OutputFlush.register { [self] in finish() }
    }

    private func forward() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count <= 0 { break }
            buffer.withUnsafeBytes { lines.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        lines.flush()
        close(readEnd)
        done.signal()
    }

    /// Closes the pipe and waits until everything written reached the target.
    func finish() {
        guard !finished else { return }
        finished = true
        close(writeEnd)
        // A process spawned meanwhile may still hold the write end; do not wait for it forever.
        _ = done.wait(timeout: .now() + 5)
    }
}
