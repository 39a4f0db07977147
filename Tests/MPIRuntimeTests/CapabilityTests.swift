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
        // MPI_ERR_PORT through the error handler.
        try expectRefusedUnlessAllowed("open_port", engine: engine, flag: "--allow-connect", refused: "refused with class 43", allowed: "port opened")
    }

    @Test(arguments: engines)
    func writingAControlVariableNeedsAllowCvarWrite(engine: EngineChoice) throws {
        try expectRefusedUnlessAllowed("cvar_write", engine: engine, flag: "--allow-cvar-write", refused: " refused with MPI_T_ERR_CVAR_SET_NEVER", allowed: " written")
    }

    /// Runs `module` without and with `flag`: the first run says `refused` (and ends well), the
    /// second `allowed`.
    func expectRefusedUnlessAllowed(_ module: String, engine: EngineChoice, flag: String, refused: String, allowed: String) throws {
        let wasm = try TestModules.build(module).path
        let without = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, wasm])
        #expect(without.status == 0, "\(without.stderr)")
        #expect(without.stdout.contains(refused), "\(without.stdout)\n\(without.stderr)")
        let with = try Shell.mpirun(np: 1, [TestModules.runtimeExecutable, "run", "--engine", engine.rawValue, flag, wasm])
        #expect(with.stdout.contains(allowed), "\(with.stdout)\n\(with.stderr)")
    }

    /// Generated bindings carry the gate; the hand-written ones call `require` themselves.
    @Test func theGeneratorGatesWhatTheRuntimeChecks() {
        #expect(SwiftBindingsEmitter.gated == Set(Capability.gated.keys).subtracting(SwiftBindingsEmitter.handWritten))
        #expect(Capability.gated.keys.contains("MPI_T_cvar_write") && SwiftBindingsEmitter.handWritten.contains("MPI_T_cvar_write"))
    }
}
