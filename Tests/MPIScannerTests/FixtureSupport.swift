import Foundation
import MPISDK
import MPIScanner

/// The repository root and the fixtures, found from this file's path.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func host(_ name: String) -> HostMPI {
        let dir = directory.appendingPathComponent(name).path
        return HostMPI(header: dir + "/mpi.h", includeDirectories: [dir])
    }

    static var layout: ProjectLayout { ProjectLayout(root: root) }
}
