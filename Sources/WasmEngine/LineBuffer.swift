import Foundation

/// Collects a guest's output and writes it to a host descriptor in whole lines, so that lines
/// of different ranks never interleave when the launcher merges their outputs (engines may
/// split one `fd_write` into several writes; a native process writes a line at once).
public final class LineBuffer: @unchecked Sendable {
    private let target: Int32
    private var pending: [UInt8] = []
    private let lock = NSLock()

    public init(target: Int32) {
        self.target = target
        OutputFlush.register { [weak self] in self?.flush() }
    }

    /// Appends bytes and writes every complete line.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        pending += bytes
        if let newline = pending.lastIndex(of: 10) {
            write(pending[...newline])
            pending.removeFirst(newline + 1)
        }
    }

    /// Writes what is left (a last line without newline).
    public func flush() {
        lock.lock()
        defer { lock.unlock() }
        write(pending[...])
        pending.removeAll()
    }

    private func write(_ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Foundation.write(target, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            rest = rest.dropFirst(written)
        }
    }
}
