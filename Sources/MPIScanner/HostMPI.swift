import Foundation

/// Where the host's `mpi.h` is and which include directories it needs.
public struct HostMPI: Sendable, Equatable {
    public var header: String
    public var includeDirectories: [String]

    public init(header: String, includeDirectories: [String]) {
        self.header = header
        self.includeDirectories = includeDirectories
    }

    /// Finds the host MPI: an explicit include directory first, then `mpicc --showme:incdirs`
    /// (Open MPI), `mpicc -show` (MPICH), then pkg-config (`ompi-c`, `mpich`).
    ///
    /// - Throws: `ScanError.noMPI` listing what was tried.
    public static func locate(includeDirectory: String? = nil) throws -> HostMPI {
        if let dir = includeDirectory {
            let header = (dir as NSString).appendingPathComponent("mpi.h")
            guard FileManager.default.fileExists(atPath: header) else {
                throw ScanError.noMPI(tried: ["--mpi-include \(dir): no mpi.h there"])
            }
            return HostMPI(header: header, includeDirectories: [dir])
        }
        var tried: [String] = []
        let probes: [(String, [String])] = [
            ("mpicc", ["--showme:incdirs"]),
            ("mpicc", ["-show"]),
            ("pkg-config", ["--cflags-only-I", "ompi-c"]),
            ("pkg-config", ["--cflags-only-I", "mpich"]),
        ]
        for (tool, args) in probes {
            let command = ([tool] + args).joined(separator: " ")
            guard let output = try? runTool(tool, args) else {
                tried.append("\(command): not available")
                continue
            }
            let dirs = includeDirectories(from: output)
            if let dir = dirs.first(where: { FileManager.default.fileExists(atPath: $0 + "/mpi.h") }) {
                return HostMPI(header: dir + "/mpi.h", includeDirectories: dirs)
            }
            tried.append("\(command): no mpi.h in \(dirs)")
        }
        throw ScanError.noMPI(tried: tried)
    }

    /// Include directories from `-I` flags, or from a plain space-separated list.
    public static func includeDirectories(from output: String) -> [String] {
        let words = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let flagged = words.filter { $0.hasPrefix("-I") }.map { String($0.dropFirst(2)) }
        if !flagged.isEmpty { return flagged }
        return words.filter { $0.hasPrefix("/") }
    }
}

/// Runs a tool found on PATH and returns its standard output; throws when it fails.
func runTool(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ScanError.toolFailed("\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}
