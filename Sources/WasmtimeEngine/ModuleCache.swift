import Foundation

/// Compiled modules on disk, so that the ranks of a job (and later jobs) compile a module once.
///
/// Entries are named by the SHA-256 of the module and of the engine's identity (library file,
/// its size and date, the configuration), written to a temporary file and renamed into place,
/// so ranks writing at once never leave a partial entry. Wasmtime checks on loading that an
/// entry fits this library and configuration; one that does not is compiled again.
///
/// Loading an entry runs its native code: the directory must be the user's own (created 0700).
/// `MPIWASM_CACHE_DIR` sets it (`off` turns caching off); the default is
/// `$XDG_CACHE_HOME/mpiwasm` or `~/.cache/mpiwasm`.
struct ModuleCache {
    let directory: URL
    let engineIdentity: String

    static func configured(libraryPath: String, configuration: String) -> ModuleCache? {
        let environment = ProcessInfo.processInfo.environment
        let directory: URL
        if let setting = environment["MPIWASM_CACHE_DIR"], !setting.isEmpty {
            guard setting != "off" else { return nil }
            directory = URL(fileURLWithPath: setting)
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directory = URL(fileURLWithPath: xdg).appendingPathComponent("mpiwasm")
        } else {
            directory = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/mpiwasm")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: libraryPath)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return ModuleCache(directory: directory, engineIdentity: "\(libraryPath)|\(size)|\(date)|\(configuration)")
    }

    func key(for module: [UInt8]) -> String {
        SHA256.hex(module) + "-" + SHA256.hex(Array(engineIdentity.utf8)).prefix(16)
    }

    func entry(_ key: String) -> URL { directory.appendingPathComponent(key + ".cwasm") }

    func load(_ key: String) -> [UInt8]? {
        FileManager.default.contents(atPath: entry(key).path).map { [UInt8]($0) }
    }

    /// Best effort: a cache that cannot be written only costs the next run a compilation.
    func store(_ key: String, _ bytes: UnsafeRawBufferPointer) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = directory.appendingPathComponent(".\(key).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, entry(key).path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return
            }
        } catch {
            return
        }
    }
}
