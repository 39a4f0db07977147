import CMPIShims

/// Reductions on the guest's long double types. wasm32's long double is IEEE binary128; where
/// the host's is another format (x87 on x86-64) the host's predefined ops would compute on
/// misread values, so reductions with a predefined op on these types use host ops doing
/// binary128 arithmetic (`quad_ops.c`). Data movement needs nothing: both are 16 bytes.
struct QuadReductions: Sendable {
    /// Host handles of the guest's long double datatypes, with their class (real, complex, pair).
    let types: [(datatype: UInt64, typeClass: Int32)]
    /// Host handles of the predefined arithmetic ops, with their index in `quad_ops.c`.
    let ops: [(op: UInt64, index: Int32)]

    init(constants: HostConstants) {
        guard mpiwasm_quad_ops_needed() != 0 else {
            types = []
            ops = []
            return
        }
        let typeClasses: [(String, Int32)] = [
            ("MPI_LONG_DOUBLE", 0), ("MPI_C_LONG_DOUBLE_COMPLEX", 1), ("MPI_CXX_LONG_DOUBLE_COMPLEX", 1), ("MPI_LONG_DOUBLE_INT", 2),
        ]
        types = typeClasses.compactMap { name, typeClass in constants.host(name).map { ($0, typeClass) } }
        let names = ["MPI_SUM", "MPI_PROD", "MPI_MAX", "MPI_MIN", "MPI_MAXLOC", "MPI_MINLOC"]
        ops = names.enumerated().compactMap { index, name in constants.host(name).map { ($0, Int32(index)) } }
    }
}

extension BindingRuntime {
    /// The host op for a reduction of `datatype` with `op`: the op itself, or for a predefined
    /// arithmetic op on a long double type, one computing in binary128.
    ///
    /// - Parameter remote: one-sided accumulate calls, which cannot take a user op: there the
    ///   combination is refused rather than computed in the wrong format.
    /// - Throws: MPI_ERR_TYPE when binary128 arithmetic is needed and not possible.
    public func reductionOp(_ op: UInt64, datatype: UInt64, remote: Bool = false) throws(TranslationError) -> UInt64 {
        // Open MPI 4.1's one-sided accumulates call the op's function for the element type
        // unchecked: a null function where the op is not defined for it.
        if remote, !isNull(datatype, .datatype), mpiwasm_op_defined(op, datatype) == 0 {
            throw TranslationError(GuestErrorClass.op, "the op is not defined for the datatype's element type")
        }
        guard !quad.types.isEmpty, let type = quad.types.first(where: { $0.datatype == datatype }),
              let which = quad.ops.first(where: { $0.op == op }) else { return op }
        if remote {
            throw TranslationError(GuestErrorClass.type, "one-sided arithmetic on long double: the host computes in another format than wasm32's binary128")
        }
        let replaced = mpiwasm_quad_op(type.typeClass, which.index)
        guard replaced != UInt64.max else {
            throw TranslationError(GuestErrorClass.type, "the host cannot reduce wasm32's binary128 long double")
        }
        return replaced == 0 ? op : replaced
    }
}
