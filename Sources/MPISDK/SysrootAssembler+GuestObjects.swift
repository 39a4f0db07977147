import Foundation

/// The guest objects the SDK links into every module it builds: C from `headers/guest`,
/// compiled for wasm32-wasi into `sysroot/lib/mpiwasm` when the sysroot is assembled, with the
/// linker options that put them to use.
extension SysrootAssembler {
    /// Sources in `headers/guest`, without `.c`; each becomes `sysroot/lib/mpiwasm/<name>.o`.
    static let guestObjectNames = ["large_alloc"]

    /// Linker options for the objects: `large_alloc` takes over malloc and calloc.
    static let guestObjectLinkOptions = ["-Wl,--wrap=malloc", "-Wl,--wrap=calloc"]

    /// What a link command adds: the objects, then their linker options.
    public static func guestLinkArguments(_ layout: ProjectLayout) -> [String] {
        guestObjectNames.map { object($0, layout).path } + guestObjectLinkOptions
    }

    static func object(_ name: String, _ layout: ProjectLayout) -> URL {
        layout.sysrootGuestLib.appendingPathComponent(name + ".o")
    }

    /// The copy of the source an object was compiled from, kept beside it to tell when it is stale.
    static func compiledSource(_ name: String, _ layout: ProjectLayout) -> URL {
        layout.sysrootGuestLib.appendingPathComponent(name + ".c")
    }

    var guestObjectsAreUpToDate: Bool {
        let manager = FileManager.default
        return Self.guestObjectNames.allSatisfy { name in
            let source = manager.contents(atPath: layout.guestSources.appendingPathComponent(name + ".c").path)
            return source != nil && manager.fileExists(atPath: Self.object(name, layout).path)
                && source == manager.contents(atPath: Self.compiledSource(name, layout).path)
        }
    }

    /// Compiles each object under a private name and renames it into place, so a concurrent
    /// link sees either the old object or the new one.
    func compileGuestObjects() throws {
        let manager = FileManager.default
        try manager.createDirectory(at: layout.sysrootGuestLib, withIntermediateDirectories: true)
        for name in Self.guestObjectNames {
            let source = layout.guestSources.appendingPathComponent(name + ".c")
            let staging = layout.sysrootGuestLib.appendingPathComponent(".\(name).\(getpid()).o")
            let log = layout.sysrootGuestLib.appendingPathComponent(".\(name).\(getpid())")
            let result = try Subprocess(command: [
                toolchain.clang, "--target=wasm32-wasi", "--sysroot=" + layout.sysroot.path, "-O2", "-Wall", "-Werror", "-c", source.path, "-o", staging.path,
            ]).run(stdout: log.appendingPathExtension("out"), stderr: log.appendingPathExtension("err"))
            for stream in ["out", "err"] { try? manager.removeItem(at: log.appendingPathExtension(stream)) }
            guard result.status == 0 else {
                try? manager.removeItem(at: staging)
                throw SDKError.unwritable(path: Self.object(name, layout).path, reason: "compiling \(source.path) failed:\n\(result.stderr)")
            }
            guard rename(staging.path, Self.object(name, layout).path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: staging)
                throw SDKError.unwritable(path: Self.object(name, layout).path, reason: reason)
            }
            try? manager.removeItem(at: Self.compiledSource(name, layout))
            try manager.copyItem(at: source, to: Self.compiledSource(name, layout))
        }
    }
}
