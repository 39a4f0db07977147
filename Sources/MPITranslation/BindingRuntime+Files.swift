import Foundation
import WasmEngine

extension BindingRuntime {
    /// The WASI pre-opened directories (guest path, host path), set by the launcher: MPI-IO
    /// file names resolve only inside them, the way WASI resolves the module's own paths.
    public func setPreopens(_ preopens: [(guest: String, host: String)]) { self.preopens = preopens }

    /// A guest file name as a host path inside a pre-opened directory (freed by the caller with
    /// `free`), or MPI_ERR_ACCESS when it points elsewhere, climbs out with `..`, or reaches
    /// outside through a symbolic link.
    public func hostPath(_ guest: GuestInstance, _ address: UInt32) throws(TranslationError) -> UnsafeMutablePointer<CChar> {
        let name = String(cString: try string(guest, address, maximum: 4096))
        guard let path = Self.normalize(name.hasPrefix("/") ? name : "/" + name) else {
            throw TranslationError(GuestErrorClass.access, "\(name) climbs above the root")
        }
        let candidates = preopens.compactMap { preopen -> (String, String, String)? in
            guard let root = Self.normalize(preopen.guest.hasPrefix("/") ? preopen.guest : "/" + preopen.guest) else { return nil }
            if path == root { return (root, preopen.host, "") }
            let prefix = root == "/" ? "/" : root + "/"
            return path.hasPrefix(prefix) ? (root, preopen.host, String(path.dropFirst(prefix.count))) : nil
        }
        guard let (_, hostRoot, rest) = candidates.max(by: { $0.0.count < $1.0.count }) else {
            throw TranslationError(GuestErrorClass.access, "\(name) is outside the pre-opened directories")
        }
        let host = rest.isEmpty ? hostRoot : (hostRoot as NSString).appendingPathComponent(rest)
        // Open MPI 4.1 overflows a buffer (and glibc aborts) building the names of its own
        // files beside one whose last component has 245 bytes or more.
        guard path.split(separator: "/").allSatisfy({ $0.utf8.count <= Self.longestName }), host.utf8.count < 4096 else {
            throw TranslationError(GuestErrorClass.badFile, "\(name.prefix(80))...: a name longer than \(Self.longestName) bytes, or a path longer than 4095")
        }
        // Symbolic links must not lead out: the nearest existing ancestor must resolve inside.
        let resolvedRoot = URL(fileURLWithPath: hostRoot).resolvingSymlinksInPath().path
        // A dangling link would let MPI_MODE_CREATE make a file wherever it points.
        if let type = (try? FileManager.default.attributesOfItem(atPath: host))?[.type] as? FileAttributeType, type == .typeSymbolicLink,
           !FileManager.default.fileExists(atPath: host) {
            throw TranslationError(GuestErrorClass.access, "\(name) is a symbolic link to nothing; it could lead outside the pre-opened directories")
        }
        var existing = URL(fileURLWithPath: host)
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" { existing.deleteLastPathComponent() }
        let resolved = existing.resolvingSymlinksInPath().path
        guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
            throw TranslationError(GuestErrorClass.access, "\(name) leads outside the pre-opened directories through a symbolic link")
        }
        return strdup(host)
    }

    static let longestName = 240

    /// `/a/./b/../c` -> `/a/c`; nil when `..` climbs above the root.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
