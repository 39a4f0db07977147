import Foundation
import TestSupport
import Testing

/// The test programs are correct MPI programs: built natively with mpicc and run under mpirun,
/// every check in them passes. The same programs are what the wasm builds will be held to.
@Suite(.serialized) struct NativeTruthTests {
    static let programs = Repository.sources(in: Repository.programs)

    @Test(arguments: programs)
    func programPassesNativelyOnTwoAndThreeRanks(source: URL) throws {
        let directory = try Shell.temporaryDirectory("native")
        let binary = directory.appendingPathComponent(source.deletingPathExtension().lastPathComponent)
        let compiler = source.pathExtension == "cpp" ? "mpicxx" : "mpicc"
        let build = try Shell.run(compiler, ["-O1", source.path, "-o", binary.path])
        try #require(build.status == 0, "\(compiler) failed:\n\(build.stderr)")
        for np in [2, 3] {
            let run = try Shell.mpirun(np: np, [binary.path, directory.path])
            #expect(run.status == 0, "\(source.lastPathComponent) on \(np) ranks:\n\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains(": ok on \(np) ranks"), "\(run.stdout)")
        }
    }
}
