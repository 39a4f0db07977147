import Foundation
import MPIEmitters
import MPIRuntime
import MPITranslation
import TestSupport
import Testing

/// Connecting to other jobs and creating processes reach beyond the job: refused with an MPI
/// error unless the user allows them on the command line.
@Suite(.serialized) struct CapabilityTests {
    @Test(arguments: engines)
    func openingAPortNeedsAllowConnect(engine: EngineChoice) throws {
        let module = try TestModules.build("open_port")
        let refused = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, module.path])
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stdout.contains("refused with class 43"), "MPI_ERR_PORT through the error handler: \(refused.stdout)")
        let allowed = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, "--allow-connect", module.path])
        #expect(allowed.stdout.contains("port opened"), "\(allowed.stdout)\n\(allowed.stderr)")
    }

    @Test func theGeneratorGatesWhatTheRuntimeChecks() {
        #expect(SwiftBindingsEmitter.gated == Set(Capability.gated.keys))
    }
}
