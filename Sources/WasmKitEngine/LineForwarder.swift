import Foundation
import WasmEngine

/// Gives WasmKit's WASI a pipe for the guest's stdout or stderr and copies it to the real one
/// in whole lines, so that lines of different ranks never interleave under mpirun (WasmKit
/// writes each iovec of an `fd_write` separately; a native process writes its line at once).
final class LineForwarder: @unchecked Sendable {
    let writeEnd: Int32
    private let readEnd: Int32
    private let target: Int32
    private let done = DispatchSemaphore(value: 0)

    init(target: Int32) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw EngineError.unavailable("cannot create a pipe for the guest's output") }
        readEnd = fds[0]
        writeEnd = fds[1]
        self.target = target
        Thread { [self] in forward() }.start()
        OutputFlush.register { [self] in finish() }
    }

    private func forward() {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count <= 0 { break }
            pending += buffer[0..<count]
            if let newline = pending.lastIndex(of: 10) {
                writeAll(pending[...newline])
                pending.removeFirst(newline + 1)
            }
        }
        writeAll(pending[...])
        close(readEnd)
        done.signal()
    }

    private func writeAll(_ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(target, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            rest = rest.dropFirst(written)
        }
    }

    private var finished = false

    /// Closes the pipe and waits until everything written reached the target.
    func finish() {
        guard !finished else { return }
        finished = true
        close(writeEnd)
        done.wait()
    }
}
