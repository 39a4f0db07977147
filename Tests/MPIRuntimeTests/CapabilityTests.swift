import Foundation
import MPIEmitters
import MPIRuntime
import MPITranslation
import TestSupport
import Testing

/// Connecting to other jobs and creating processes reach beyond the job, and control variables
/// configure the host MPI: refused with an MPI error unless the user allows them on the command
/// line.
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

    @Test(arguments: engines)
    func writingAControlVariableNeedsAllowCvarWrite(engine: EngineChoice) throws {
        let module = try TestModules.build("cvar_write")
        let refused = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, module.path])
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stdout.contains(" refused with MPI_T_ERR_CVAR_SET_NEVER"), "\(refused.stdout)\n\(refused.stderr)")
        let allowed = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, "--allow-cvar-write", module.path])
        #expect(allowed.stdout.contains(" written"), "\(allowed.stdout)\n\(allowed.stderr)")
    }

    /// Generated bindings carry the gate; the hand-written ones call `require` themselves.
    @Test func theGeneratorGatesWhatTheRuntimeChecks() {
        #expect(SwiftBindingsEmitter.gated == Set(Capability.gated.keys).subtracting(SwiftBindingsEmitter.handWritten))
        #expect(Capability.gated.keys.contains("MPI_T_cvar_write") && SwiftBindingsEmitter.handWritten.contains("MPI_T_cvar_write"))
    }
}
