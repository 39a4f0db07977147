import MPIModel
import MPISDK
import MPIScanner
import Testing

/// The real host header (Open MPI 4.1.4 on this machine): coverage and the shape of the model.
@Suite struct HostHeaderTests {
    let output: Generator.Output

    init() throws {
        output = try Generator(layout: Repository.layout, host: HostMPI.locate()).run()
    }

    @Test func atLeast95PercentOfTheHostFunctionsAreDeclared() {
        let functions = output.api.functions
        let bound = functions.filter(\.isBound)
        #expect(functions.count > 350, "only \(functions.count) MPI_ functions scanned")
        #expect(Double(bound.count) >= 0.95 * Double(functions.count), "\(output.summary)")
    }

    @Test func everyFunctionLeftOutIsNamedWithItsReasonInTheReport() throws {
        let report = try #require(output.files.first { $0.url.lastPathComponent == "coverage.md" }).contents
        for function in output.api.functions where !function.isBound {
            #expect(function.unboundReason?.isEmpty == false)
            #expect(report.contains("- `\(function.name)`: \(function.unboundReason!)"))
        }
    }

    @Test func theHeaderDeclaresEveryBoundFunctionAsAnImportFromModuleMPI() throws {
        let header = try #require(output.files.first { $0.url.lastPathComponent == "mpi.h" }).contents
        for function in output.api.functions where function.isBound && !function.isGuestLocal {
            #expect(header.contains("MPIWASM_IMPORT(\(function.name)) "), "\(function.name) missing")
        }
        #expect(header.contains("#define MPI_VERSION 3\n#define MPI_SUBVERSION 1\n"))
        #expect(header.contains("#define MPI_COMM_WORLD ((MPI_Comm)0x101)"))
        #expect(header.contains("#define MPI_ANY_TAG (-2)"))
        #expect(header.contains("#define MPI_STATUS_IGNORE ((MPI_Status *)0x0)"))
        #expect(header.contains("sizeof(MPI_Status) == 32"))
    }

    @Test func openMPIHandleConstantsAndValuesAreRecognised() {
        let constants = Dictionary(uniqueKeysWithValues: output.api.constants.map { ($0.name, $0.value) })
        #expect(constants["MPI_COMM_WORLD"] == .handle(HandleKind("MPI_Comm"), hostValue: nil))
        #expect(constants["MPI_DOUBLE_INT"] == .handle(HandleKind("MPI_Datatype"), hostValue: nil))
        #expect(constants["MPI_PROC_NULL"] == .integer(-2))
        #expect(constants["MPI_ANY_TAG"] == .integer(-1))
        #expect(output.api.status?.size == 24)
        #expect(output.api.handleTypes.allSatisfy { $0.representation == .pointer })
    }

    @Test(arguments: [
        ("MPI_Alltoallw", "sendbuf", "buffer(read, w(sendcounts, sdispls, sendtypes, remote_size(comm)))"),
        ("MPI_Igatherv", "recvbuf", "buffer(write, v(recvcounts, displs, recvtype, remote_size(comm)), root(root))"),
        ("MPI_Waitsome", "array_of_indices", "array(out, incount)"),
        ("MPI_Waitsome", "array_of_statuses", "statuses(incount)"),
        ("MPI_Type_create_struct", "array_of_types", "array(in, count)"),
        ("MPI_Comm_get_attr", "attribute_val", "pointer_out"),
        ("MPI_Comm_set_attr", "attribute_val", "opaque"),
        ("MPI_Win_allocate", "baseptr", "pointer_out"),
        ("MPI_Get_address", "location", "address"),
        ("MPI_Info_get", "value", "string_out(add(valuelen, 1))"),
        ("MPI_Reduce_scatter", "recvbuf", "buffer(write, typed(at(recvcounts, comm_rank(comm)), datatype))"),
        ("MPI_Op_create", "function", "callback"),
        ("MPI_Sendrecv_replace", "buf", "buffer(write, typed(count, datatype))"),
    ])
    func parametersOfTheRealHeaderGetTheirSemantics(function: String, parameter: String, kind: String) throws {
        let found = try #require(output.api.function(named: function)?.parameter(named: parameter))
        #expect(found.kind?.description == kind)
    }

    @Test(arguments: [
        ("MPI_Send", "dest", ValueDomain.rank), ("MPI_Irecv", "tag", .tag), ("MPI_Comm_split", "color", .undefined),
        ("MPI_Waitany", "index", .undefined), ("MPI_File_open", "amode", .fileMode), ("MPI_Win_fence", "assert", .windowAssert),
        ("MPI_Topo_test", "status", .topology), ("MPI_Comm_get_attr", "comm_keyval", .keyval),
        ("MPI_Init_thread", "provided", .threadLevel), ("MPI_Group_translate_ranks", "ranks2", .rank),
        ("MPI_Type_create_darray", "distrib_array", .distribute), ("MPI_Error_string", "errorcode", .errorCode),
    ])
    func integerParametersCarryTheirConstantsDomain(function: String, parameter: String, domain: ValueDomain) throws {
        let found = try #require(output.api.function(named: function)?.parameter(named: parameter))
        #expect(found.domain == domain)
    }

    @Test func plainIntegersHaveNoDomain() throws {
        #expect(output.api.function(named: "MPI_Abort")?.parameter(named: "errorcode")?.domain == nil)
        #expect(output.api.function(named: "MPI_Send")?.parameter(named: "count")?.domain == nil)
    }
}
