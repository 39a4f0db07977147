import MPIModel
import Testing

@Suite struct SpecTermTests {
    @Test(arguments: [
        "scalar", "scalar(inout)", "handle(out)", "buffer(read, typed(count, datatype))",
        "buffer(write, v(recvcounts, displs, recvtype, remote_size(comm)), root(root))",
        "buffer(read, w(sendcounts, sdispls, sendtypes, outdegree(comm)))", "buffer(readwrite, bytes(size))",
        "array(in, last(index, nnodes))", "array(out, MPI_F_STATUS_SIZE)", "statuses(count)",
        "string_out(add(valuelen, 1))", "string_out(*name_len)", "argvs(count)", "pointer_out", "init_arguments",
    ])
    func kindsRoundTripThroughTheirText(text: String) throws {
        let kind = try ParameterKind(parsing: text)
        #expect(kind.description == text)
        #expect(try ParameterKind(parsing: kind.description) == kind)
    }

    @Test func lengthExpressionsDistinguishParametersConstantsAndPointees() throws {
        #expect(try LengthExpr(parsing: "count") == .parameter("count"))
        #expect(try LengthExpr(parsing: "MPI_MAX_INFO_KEY") == .constant("MPI_MAX_INFO_KEY"))
        #expect(try LengthExpr(parsing: "*desc_len") == .pointee("desc_len"))
        #expect(try LengthExpr(parsing: "-3") == .literal(-3))
        #expect(try LengthExpr(parsing: "sum(degrees, n)").parameterNames == ["degrees", "n"])
    }

    @Test(arguments: [
        ("frobnicate(count)", "unknown length function"),
        ("sum(a)", "takes 2 arguments"),
        ("mul(a, b", "missing ')'"),
        ("count extra", "unexpected"),
    ])
    func malformedLengthsAreRejectedWithAReason(text: String, reason: String) {
        #expect {
            _ = try LengthExpr(parsing: text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func unknownKindsAndAccessesAreRejected() {
        #expect(throws: SpecError.self) { try ParameterKind(parsing: "buffer(sideways, bytes(n))") }
        #expect(throws: SpecError.self) { try ParameterKind(parsing: "handle(both)") }
        #expect(throws: SpecError.self) { try ParameterKind(parsing: "array(in, n, everywhere)") }
        #expect(throws: SpecError.self) { try ParameterKind(parsing: "teleport") }
    }
}

@Suite struct TypeCodeTests {
    @Test(arguments: [
        CTypeRef.pointer(.void, isConst: true), .array(.handle(HandleKind("MPI_Request")), isConst: false),
        .array(.fixedArray(.scalar("int"), 3), isConst: false), .pointer(.pointer(.pointer(.scalar("char"), isConst: false), isConst: false), isConst: false),
        .scalar("long long"), .scalar("MPI_Aint"), .callback("MPI_User_function"), .pointer(.status, isConst: true),
        .unknown("struct foo"), .void,
    ])
    func typesRoundTripThroughTheirCode(type: CTypeRef) throws {
        #expect(try CTypeRef(code: type.code) == type)
    }
}
