import Foundation
import MPIRuntime
import TestSupport
import Testing

/// Limits the user sets on the command line: linear memory per rank, and wall-clock time.
@Suite(.serialized) struct LimitTests {
    @Test(arguments: engines)
    func memoryBeyondTheLimitIsOutOfMemoryToTheModule(engine: EngineChoice) throws {
        let module = try TestModules.build("grow_memory")
        let result = try Shell.run(TestModules.runtimeExecutable, ["run", "--engine", engine.rawValue, "--max-memory", "64M", module.path])
        #expect(result.status == 0, "\(result.stderr)")
        let megabytes = Int(result.stdout.split(separator: " ").dropFirst().first ?? "") ?? -1
        #expect(megabytes > 40 && megabytes < 64, "malloc stops below 64 MiB: \(result.stdout)")
    }

    @Test(arguments: engines)
    func theWallClockLimitEndsAJobWhoseRanksWaitForever(engine: EngineChoice) throws {
        let module = try TestModules.build("hang")
        let start = Date()
        let result = try Shell.mpirun(np: 2, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, "--time-limit", "2", module.path])
        #expect(result.status != 0)
        #expect(Date().timeIntervalSince(start) < 20, "took \(Date().timeIntervalSince(start)) s")
        #expect(result.stderr.contains("the wall-clock limit of 2.0 s is reached; the job ends"), "\(result.stderr)")
    }

    @Test func limitsThatMakeNoSenseAreRefused() throws {
        let module = try TestModules.build("grow_memory")
        for arguments in [["--max-memory", "5T"], ["--max-memory", "lots"], ["--time-limit", "-1"]] {
            let result = try Shell.run(TestModules.runtimeExecutable, ["run"] + arguments + [module.path])
            #expect(result.status != 0 && result.stderr.contains(arguments[0]), "\(arguments): \(result.stderr)")
        }
    }
}
