import MPIModel
import MPIScanner
import Testing

@Suite struct OpenMPILikeScanTests {
    let api: MPIAPI

    init() throws { api = try HeaderScanner(host: Fixtures.host("openmpi-like")).scan() }

    @Test func hostInfoComesFromTheVersionMacros() {
        #expect(api.host == HostInfo(implementation: "Open MPI", implementationVersion: "4.1.4", mpiVersion: 3, mpiSubversion: 1, header: "mpi.h"))
    }

    @Test func handlesArePointerTypes() {
        let comm = api.handleTypes.first { $0.kind.typeName == "MPI_Comm" }
        #expect(comm?.representation == .pointer)
        #expect(!api.handleTypes.contains { ["MPI_Aint", "MPI_Offset", "MPI_Count", "MPI_Status"].contains($0.kind.typeName) })
    }

    @Test func predefinedHandlesAreRecognisedAsHandlesWithoutIntegerValues() {
        let world = api.constants.first { $0.name == "MPI_COMM_WORLD" }
        #expect(world?.value == .handle(HandleKind("MPI_Comm"), hostValue: nil))
        #expect(api.constants.first { $0.name == "MPI_SUM" }?.value == .handle(HandleKind("MPI_Op"), hostValue: nil))
    }

    @Test func integerAndPointerConstantsAreEvaluated() {
        func value(_ name: String) -> HostConstant.Value? { api.constants.first { $0.name == name }?.value }
        #expect(value("MPI_ANY_TAG") == .integer(-1))
        #expect(value("MPI_PROC_NULL") == .integer(-2))
        #expect(value("MPI_ERR_COUNT") == .integer(2))
        #expect(value("MPI_IN_PLACE") == .pointer(type: .pointer(.void, isConst: false), hostValue: 1))
        #expect(value("MPI_H_INCLUDED") == .notConstant(reason: "empty macro"))
    }

    @Test func statusLayoutIsTheHosts() {
        #expect(api.status?.size == 24)
        #expect(api.status?.fields.map(\.offset) == [0, 4, 8])
    }

    @Test func profilingTwinsAreFoldedIntoTheirFunctions() {
        #expect(api.function(named: "MPI_Send")?.hasProfilingTwin == true)
        #expect(api.function(named: "MPI_Irecv")?.hasProfilingTwin == false)
        #expect(api.function(named: "PMPI_Send") == nil)
    }

    @Test func parametersKeepTypesConstnessAndArrayness() throws {
        let gatherv = try #require(api.function(named: "MPI_Gatherv"))
        #expect(gatherv.parameters.map(\.name) == ["sendbuf", "sendcount", "sendtype", "recvbuf", "recvcounts", "displs", "recvtype", "root", "comm"])
        #expect(gatherv.parameters[0].type == .pointer(.void, isConst: true))
        #expect(gatherv.parameters[4].type == .array(.scalar("int"), isConst: true))
        #expect(gatherv.parameters[8].type == .handle(HandleKind("MPI_Comm")))
        let waitall = try #require(api.function(named: "MPI_Waitall"))
        #expect(waitall.parameters[1].type == .array(.handle(HandleKind("MPI_Request")), isConst: false))
        #expect(waitall.parameters[2].type == .pointer(.status, isConst: false))
    }

    @Test func callbackTypedefChainsKeepMPINames() throws {
        let file = try #require(api.callbackTypes.first { $0.name == "MPI_File_errhandler_function" })
        #expect(file.parameters == [.pointer(.handle(HandleKind("MPI_File")), isConst: false), .pointer(.scalar("int"), isConst: false)])
        #expect(file.isVariadic)
        #expect(api.trampolineType(for: "MPI_Comm_errhandler_fn") == "MPI_Comm_errhandler_function")
    }

    @Test func functionLikeMacrosAreListed() {
        #expect(api.functionLikeMacros == ["MPI_Aint_add"])
    }
}
