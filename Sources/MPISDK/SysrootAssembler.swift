import Foundation

/// Assembles the parts of the sysroot that come from the system (links, never committed)
/// around the generated headers (committed):
///
/// - `include/wasm32-wasi/`: one link per entry of WASI libc's include directory (which
///   also carries libc++ 14's headers), except the compatibility overlays from `headers/compat`;
/// - `include/mpiwasm-wasi-libc`: a link to the original directory, which the overlays include;
/// - `lib/wasm32-wasi`: a link to WASI libc's and libc++'s libraries;
/// - `lib/mpiwasm`: the guest objects compiled from `headers/guest` (`SysrootAssembler+GuestObjects`).
///
/// Clang searches `include/wasm32-wasi` before `include`, so an overlay replaces the system header.
public struct SysrootAssembler {
    public let layout: ProjectLayout
    public let toolchain: WasmToolchain

    public init(layout: ProjectLayout, toolchain: WasmToolchain = WasmToolchain()) {
        self.layout = layout
        self.toolchain = toolchain
    }

    /// Creates or refreshes the links; does nothing when they are already as they should be,
    /// so concurrent compilations never see the sysroot half-built.
    public func assemble() throws {
        let missing = toolchain.missing()
        guard missing.isEmpty else { throw SDKError.missingToolchain(missing) }
        if isUpToDate { return }
        let manager = FileManager.default
        let include = layout.sysrootInclude
        let target = include.appendingPathComponent("wasm32-wasi")
        let lib = layout.sysroot.appendingPathComponent("lib")
        do {
            // Build the include mirror beside its final place, then swap it in.
            let staging = include.appendingPathComponent(".wasm32-wasi.mpiwasm-tmp")
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            let overlays = (try? manager.contentsOfDirectory(atPath: layout.compatHeaders.path)) ?? []
            for entry in try manager.contentsOfDirectory(atPath: toolchain.wasiInclude).sorted() where !overlays.contains(entry) {
                try manager.createSymbolicLink(
                    atPath: staging.appendingPathComponent(entry).path,
                    withDestinationPath: toolchain.wasiInclude + "/" + entry)
            }
            for overlay in overlays.sorted() {
                try manager.copyItem(
                    at: layout.compatHeaders.appendingPathComponent(overlay), to: staging.appendingPathComponent(overlay))
            }
            try replace(target, with: staging)
            try link(include.appendingPathComponent("mpiwasm-wasi-libc"), to: toolchain.wasiInclude)
            try manager.createDirectory(at: lib, withIntermediateDirectories: true)
            try link(lib.appendingPathComponent("wasm32-wasi"), to: toolchain.wasiLib)
            if !guestObjectsAreUpToDate { try compileGuestObjects() }
        } catch let error as SDKError {
            throw error
        } catch {
            throw SDKError.unwritable(path: layout.sysroot.path, reason: error.localizedDescription)
        }
    }

    /// Whether the system parts are in place (after `assemble`).
    public var isAssembled: Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: layout.sysrootInclude.appendingPathComponent("wasm32-wasi/stdio.h").path)
            && manager.fileExists(atPath: layout.sysroot.appendingPathComponent("lib/wasm32-wasi/libc.a").path)
            && manager.fileExists(atPath: layout.sysrootInclude.appendingPathComponent("mpi.h").path)
            && Self.guestObjectNames.allSatisfy { manager.fileExists(atPath: Self.object($0, layout).path) }
    }

    /// Whether every link points where it should and every overlay matches its source.
    var isUpToDate: Bool {
        let manager = FileManager.default
        let target = layout.sysrootInclude.appendingPathComponent("wasm32-wasi")
        let overlays = Set((try? manager.contentsOfDirectory(atPath: layout.compatHeaders.path)) ?? [])
        guard let system = try? manager.contentsOfDirectory(atPath: toolchain.wasiInclude),
              let present = try? manager.contentsOfDirectory(atPath: target.path),
              Set(present) == Set(system).union(overlays) else { return false }
        for entry in system where !overlays.contains(entry) {
            let link = try? manager.destinationOfSymbolicLink(atPath: target.appendingPathComponent(entry).path)
            if link != toolchain.wasiInclude + "/" + entry { return false }
        }
        for overlay in overlays {
            let source = manager.contents(atPath: layout.compatHeaders.appendingPathComponent(overlay).path)
            if source == nil || source != manager.contents(atPath: target.appendingPathComponent(overlay).path) { return false }
        }
        let libc = try? manager.destinationOfSymbolicLink(atPath: layout.sysroot.appendingPathComponent("lib/wasm32-wasi").path)
        let original = try? manager.destinationOfSymbolicLink(atPath: layout.sysrootInclude.appendingPathComponent("mpiwasm-wasi-libc").path)
        return libc == toolchain.wasiLib && original == toolchain.wasiInclude && guestObjectsAreUpToDate
    }

    private func replace(_ destination: URL, with staging: URL) throws {
        let manager = FileManager.default
        if (try? destination.checkResourceIsReachable()) == true || isLink(destination) {
            try manager.removeItem(at: destination)
        }
        try manager.moveItem(at: staging, to: destination)
    }

    private func link(_ url: URL, to destination: String) throws {
        let manager = FileManager.default
        if isLink(url) || manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
        try manager.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    private func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }
}
