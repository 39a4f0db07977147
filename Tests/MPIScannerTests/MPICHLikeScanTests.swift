import MPIModel
import MPIScanner
import Testing

@Suite struct MPICHLikeScanTests {
    let api: MPIAPI

    init() throws { api = try HeaderScanner(host: Fixtures.host("mpich-like")).scan() }

    @Test func hostInfoNamesMPICH() {
        #expect(api.host.implementation == "MPICH")
        #expect(api.host.implementationVersion == "4.1.2")
        #expect(api.host.mpiVersion == 4 && api.host.mpiSubversion == 1)
    }

    @Test func handlesAreIntegersWithTheirEncodedValues() {
        #expect(api.handleTypes.first { $0.kind.typeName == "MPI_Comm" }?.representation == .integer)
        #expect(api.constants.first { $0.name == "MPI_COMM_WORLD" }?.value == .handle(HandleKind("MPI_Comm"), hostValue: 0x4400_0000))
        #expect(api.constants.first { $0.name == "MPI_SUM" }?.value == .handle(HandleKind("MPI_Op"), hostValue: 0x5800_0003))
        #expect(api.handleTypes.contains { $0.kind.typeName == "MPI_Session" })
    }

    @Test func enumTypedefsAndScalarTypedefsAreNotHandles() {
        let names = api.handleTypes.map(\.kind.typeName)
        #expect(!names.contains("MPI_T_source_order"))
        #expect(!names.contains("MPI_Fint"))
        #expect(api.constants.first { $0.name == "MPI_COMBINER_DUP" }?.value == .integer(2))
        #expect(api.constants.first { $0.name == "MPI_T_SOURCE_UNORDERED" }?.value == .integer(1))
        #expect(api.enumTypes == ["MPI_T_source_order"])
    }

    @Test func constantsTakeTheHostsValues() {
        func value(_ name: String) -> HostConstant.Value? { api.constants.first { $0.name == name }?.value }
        #expect(value("MPI_ANY_SOURCE") == .integer(-2))
        #expect(value("MPI_ROOT") == .integer(-3))
        #expect(value("MPI_IN_PLACE") == .pointer(type: .pointer(.void, isConst: false), hostValue: -1))
    }

    @Test func statusFieldsAreFoundWhereverTheHostPutsThem() {
        #expect(api.status?.size == 20)
        #expect(api.status?.fields.map(\.offset) == [8, 12, 16])
    }

    @Test func functionsFromMpioAreScannedToo() {
        #expect(api.function(named: "MPI_File_read") != nil)
        #expect(api.function(named: "MPI_Send_c")?.parameters[1].type == .scalar("MPI_Count"))
    }
}
