import MPIModel

/// The rules that classify a parameter from its type and name alone.
extension Classifier {
    /// Handle pointers that the call reads and writes back (it frees, completes or commits them).
    static let inoutHandleFunctions: Set<String> = [
        "MPI_Wait", "MPI_Test", "MPI_Start", "MPI_Cancel", "MPI_Type_commit", "MPI_Mrecv", "MPI_Imrecv",
        "MPI_Comm_disconnect", "MPI_File_close",
    ]

    func inferredKind(_ parameter: Parameter, at index: Int, in function: MPIFunction) -> ParameterKind? {
        let name = parameter.name
        switch parameter.type {
        case .scalar:
            return .scalar
        case .handle:
            return .handle(.in)
        case .pointer(.callback, _):
            return .callback
        case .pointer(.status, let isConst):
            return .status(isConst ? .in : .out)
        case .array(.status, _):
            return countParameter(of: function).map { .statuses(.parameter($0)) }
        case .pointer(.handle, _):
            let isInout = function.name.hasSuffix("_free") || Classifier.inoutHandleFunctions.contains(function.name)
            return .handle(isInout ? .inout : .out)
        case .array(.handle(let kind), let isConst):
            guard name.hasPrefix("array_of_"), let count = countParameter(of: function) else { return nil }
            let direction: ParameterKind.Direction = isConst ? .in : (kind.typeName == "MPI_Request" ? .inout : .out)
            return .array(direction, .parameter(count), .all)
        case .array(.scalar, let isConst):
            guard name.hasPrefix("array_of_"), let count = countParameter(of: function) else { return nil }
            return .array(isConst ? .in : .out, .parameter(count), .all)
        case .pointer(.scalar("char"), let isConst):
            return isConst ? .stringIn : nil
        case .pointer(.scalar, let isConst):
            return .scalarRef(isConst ? .in : .out)
        case .pointer(.void, let isConst):
            return voidPointerKind(parameter, at: index, in: function, isConst: isConst)
        default:
            return nil
        }
    }

    /// `count` or `incount` (an `int`, or an `MPI_Count` in large-count functions): the length
    /// of `array_of_*` parameters.
    func countParameter(of function: MPIFunction) -> String? {
        ["count", "incount"].first { name in
            function.parameter(named: name).map { $0.type == .scalar("int") || $0.type == .scalar("MPI_Count") } ?? false
        }
    }

    /// Buffers followed by their count and datatype; opaque values and pointer outs by name.
    func voidPointerKind(_ parameter: Parameter, at index: Int, in function: MPIFunction, isConst: Bool) -> ParameterKind? {
        let name = parameter.name
        if name == "extra_state" { return .opaque }
        if name == "baseptr" { return .pointerOut }
        if name == "attribute_val" || name == "attr_val" {
            let isGetter = function.name.hasSuffix("_get_attr") || function.name == "MPI_Attr_get"
            return isGetter ? .pointerOut : .opaque
        }
        let access: ParameterKind.Access = isConst ? .read : .write
        let rest = Array(function.parameters.dropFirst(index + 1))
        // (buf, count, datatype) or (sendbuf, recvbuf, count, datatype).
        for skip in [0, 1] where rest.count >= skip + 2 {
            if skip == 1, !(rest[0].type.pointee == .void) { continue }
            let count = rest[skip], datatype = rest[skip + 1]
            if isCount(count.type), datatype.type == .handle(HandleKind("MPI_Datatype")) {
                return .buffer(access, .typed(count: .parameter(count.name), datatype: datatype.name), .all)
            }
        }
        return nil
    }

    func isCount(_ type: CTypeRef) -> Bool {
        type == .scalar("int") || type == .scalar("MPI_Count") || type == .scalar("MPI_Aint")
    }
}
