import Foundation
import MPIModel
import MPISemantics
import Testing

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let annotations = root.appendingPathComponent("headers/annotations.tsv")
}

@Suite struct ClassifierTests {
    static let comm = CTypeRef.handle(HandleKind("MPI_Comm"))
    static let datatype = CTypeRef.handle(HandleKind("MPI_Datatype"))
    static let request = CTypeRef.handle(HandleKind("MPI_Request"))

    func parameter(_ name: String, _ type: CTypeRef) -> Parameter {
        Parameter(name: name, type: type, hostSpelling: name)
    }

    func classify(_ functions: [MPIFunction], annotations: String = "") -> (MPIAPI, [GeneratorDiagnostic]) {
        let api = MPIAPI(host: HostInfo(implementation: "test", implementationVersion: "0", mpiVersion: 3, mpiSubversion: 1, header: "mpi.h"), functions: functions)
        return Classifier(annotations: AnnotationTable(parsing: annotations)).classify(api)
    }

    @Test func aBufferTakesTheCountAndDatatypeThatFollowIt() throws {
        let send = MPIFunction(name: "MPI_Send", returnType: .scalar("int"), parameters: [
            parameter("buf", .pointer(.void, isConst: true)), parameter("count", .scalar("int")),
            parameter("datatype", Self.datatype), parameter("dest", .scalar("int")), parameter("comm", Self.comm),
        ])
        let (api, _) = classify([send])
        let kinds = try #require(api.function(named: "MPI_Send")).parameters.map(\.kind)
        #expect(kinds[0] == .buffer(.read, .typed(count: .parameter("count"), datatype: "datatype"), .all))
        #expect(kinds[2] == .handle(.in))
        #expect(api.function(named: "MPI_Send")?.isBound == true)
    }

    @Test func reductionBuffersShareTheCountAndDatatype() throws {
        let allreduce = MPIFunction(name: "MPI_Allreduce", returnType: .scalar("int"), parameters: [
            parameter("sendbuf", .pointer(.void, isConst: true)), parameter("recvbuf", .pointer(.void, isConst: false)),
            parameter("count", .scalar("int")), parameter("datatype", Self.datatype),
        ])
        let (api, _) = classify([allreduce])
        let kinds = try #require(api.function(named: "MPI_Allreduce")).parameters.map(\.kind)
        #expect(kinds[0] == .buffer(.read, .typed(count: .parameter("count"), datatype: "datatype"), .all))
        #expect(kinds[1] == .buffer(.write, .typed(count: .parameter("count"), datatype: "datatype"), .all))
    }

    @Test func handlePointersAreOutExceptWhereTheCallFreesOrCompletesThem() throws {
        let irecv = MPIFunction(name: "MPI_Irecv", returnType: .scalar("int"), parameters: [parameter("request", .pointer(Self.request, isConst: false))])
        let wait = MPIFunction(name: "MPI_Wait", returnType: .scalar("int"), parameters: [parameter("request", .pointer(Self.request, isConst: false))])
        let free = MPIFunction(name: "MPI_Comm_free", returnType: .scalar("int"), parameters: [parameter("comm", .pointer(Self.comm, isConst: false))])
        let waitall = MPIFunction(name: "MPI_Waitall", returnType: .scalar("int"), parameters: [
            parameter("count", .scalar("int")), parameter("array_of_requests", .array(Self.request, isConst: false)),
            parameter("array_of_statuses", .array(.status, isConst: false)),
        ])
        let (api, _) = classify([irecv, wait, free, waitall])
        #expect(api.function(named: "MPI_Irecv")?.parameters[0].kind == .handle(.out))
        #expect(api.function(named: "MPI_Wait")?.parameters[0].kind == .handle(.inout))
        #expect(api.function(named: "MPI_Comm_free")?.parameters[0].kind == .handle(.inout))
        #expect(api.function(named: "MPI_Waitall")?.parameters[1].kind == .array(.inout, .parameter("count"), .all))
        #expect(api.function(named: "MPI_Waitall")?.parameters[2].kind == .statuses(.parameter("count")))
    }

    @Test func aFunctionWithAnUnclassifiedParameterGetsNoBindingAndADiagnostic() throws {
        let mystery = MPIFunction(name: "MPI_Mystery", returnType: .scalar("int"), parameters: [parameter("what", .pointer(.void, isConst: false))])
        let (api, diagnostics) = classify([mystery])
        let function = try #require(api.function(named: "MPI_Mystery"))
        #expect(!function.isBound)
        #expect(function.unboundReason?.contains("what") == true)
        #expect(diagnostics.contains { $0.location == "MPI_Mystery" && $0.message.contains("binding not generated") })
    }

    @Test func anAnnotationThatNamesAMissingParameterUnbindsTheFunction() throws {
        let cart = MPIFunction(name: "MPI_Cart_get", returnType: .scalar("int"), parameters: [
            parameter("comm", Self.comm), parameter("dims", .array(.scalar("int"), isConst: false)),
        ])
        let (api, _) = classify([cart], annotations: "MPI_Cart_get\tdims\tarray(out, maxdims)\n")
        let function = try #require(api.function(named: "MPI_Cart_get"))
        #expect(!function.isBound)
        #expect(function.unboundReason?.contains("unknown parameter maxdims") == true)
    }

    @Test func fortranConversionsAreComputedInTheGuest() throws {
        let c2f = MPIFunction(name: "MPI_Comm_c2f", returnType: .scalar("int"), parameters: [parameter("comm", Self.comm)])
        let (api, _) = classify([c2f])
        #expect(api.function(named: "MPI_Comm_c2f")?.isGuestLocal == true)
        #expect(GuestLocalFunctions.definition(of: try #require(api.function(named: "MPI_Comm_c2f")))
            == "static inline int MPI_Comm_c2f(MPI_Comm comm) { return (int)comm; }")
    }
}

@Suite struct DeliberatelyUnboundTests {
    func api(_ functions: [MPIFunction]) -> MPIAPI {
        MPIAPI(host: HostInfo(implementation: "test", implementationVersion: "0", mpiVersion: 3, mpiSubversion: 1, header: "mpi.h"), functions: functions)
    }

    @Test func listedFunctionsCarryTheirReasonAndStaleEntriesAreReported() throws {
        let read = MPIFunction(name: "MPI_T_cvar_read", returnType: .scalar("int"), parameters: [
            Parameter(name: "buf", type: .pointer(.void, isConst: false), hostSpelling: "void * buf"),
        ])
        let size = MPIFunction(name: "MPI_Comm_size", returnType: .scalar("int"), parameters: [
            Parameter(name: "size", type: .pointer(.scalar("int"), isConst: false), hostSpelling: "int * size"),
        ])
        let unbound = Classifier.parseUnbound("# comment\nMPI_T_cvar_read\tnot checkable\nMPI_Comm_size\tstale\nMPI_Gone\tgone\n")
        let (classified, diagnostics) = Classifier(annotations: AnnotationTable(parsing: ""), unbound: unbound).classify(api([read, size]))
        #expect(classified.function(named: "MPI_T_cvar_read")?.unboundReason == "not checkable")
        #expect(classified.function(named: "MPI_Comm_size")?.isBound == false)
        #expect(diagnostics.contains { $0.location == "MPI_Comm_size" && $0.message.contains("fully classified") })
        #expect(diagnostics.contains { $0.location == "MPI_Gone" && $0.severity == .note })
        #expect(!diagnostics.contains { $0.location == "MPI_T_cvar_read" })
    }

    @Test func pcontrolIsBoundOnItsFixedArgument() throws {
        var pcontrol = MPIFunction(name: "MPI_Pcontrol", returnType: .scalar("int"), parameters: [
            Parameter(name: "level", type: .scalar("int"), hostSpelling: "int level"),
        ])
        pcontrol.isVariadic = true
        var other = pcontrol
        other.name = "MPI_Other_variadic"
        let (classified, _) = Classifier(annotations: AnnotationTable(parsing: "")).classify(api([pcontrol, other]))
        #expect(classified.function(named: "MPI_Pcontrol")?.isBound == true)
        #expect(classified.function(named: "MPI_Other_variadic")?.unboundReason == "cannot classify variadic")
    }
}

@Suite struct DomainTests {
    @Test func functionEntriesWinOverWildcardsAndApplyToIntegersOnly() throws {
        let table = DomainTable(parsing: "*\terrorcode\terror_code\nMPI_Abort\terrorcode\tnone\n*\tcomm\trank\nbad line\n*\tx\tnonsense\n", source: "d.tsv")
        #expect(table.domain(function: "MPI_Comm_call_errhandler", parameter: "errorcode") == .errorCode)
        #expect(table.domain(function: "MPI_Abort", parameter: "errorcode") == ValueDomain.none)
        #expect(table.diagnostics.map(\.location) == ["d.tsv:4", "d.tsv:5"])
        let abort = MPIFunction(name: "MPI_Abort", returnType: .scalar("int"), parameters: [
            Parameter(name: "comm", type: .handle(HandleKind("MPI_Comm")), hostSpelling: "MPI_Comm comm"),
            Parameter(name: "errorcode", type: .scalar("int"), hostSpelling: "int errorcode"),
        ])
        let api = MPIAPI(host: HostInfo(implementation: "t", implementationVersion: "0", mpiVersion: 3, mpiSubversion: 1, header: "mpi.h"), functions: [abort])
        let (classified, _) = Classifier(annotations: AnnotationTable(parsing: ""), domains: table).classify(api)
        #expect(classified.functions[0].parameters.map(\.domain) == [nil, nil], "a handle holds no integers; none means unchanged")
    }

    @Test func theRepositoryTableParsesAndEveryDomainNamesConstants() throws {
        let table = DomainTable(parsing: try String(contentsOf: Repository.root.appendingPathComponent("headers/domains.tsv"), encoding: .utf8))
        #expect(table.diagnostics.isEmpty, "\(table.diagnostics)")
        for domain in ValueDomain.allCases where domain != .none { #expect(!domain.constants.isEmpty, "\(domain)") }
        #expect(ValueDomain.fileMode.contains("MPI_MODE_RDONLY") && !ValueDomain.fileMode.contains("MPI_MODE_NOCHECK"))
        #expect(ValueDomain.threadLevel.contains("MPI_THREAD_MULTIPLE"))
    }
}
