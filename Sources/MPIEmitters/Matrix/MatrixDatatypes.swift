import MPIModel

/// The predefined datatypes the matrix sweeps, each with the C type a test program uses for it
/// and its class, which decides how values are set and compared and which reduction ops apply
/// (MPI 4.1, section 6.9.2). The datatype names come from the model; a datatype the model has
/// and this table lacks is reported as not swept.
struct MatrixDatatype: Sendable, Equatable {
    enum Class: String, CaseIterable, Sendable {
        case integer, fortranInteger, float, complex, logical, byte, character, pair

        /// Predefined reduction ops defined on the class.
        var ops: [String] {
            switch self {
            case .integer: return ["SUM", "PROD", "MAX", "MIN", "LAND", "LOR", "LXOR", "BAND", "BOR", "BXOR"]
            // Logical ops are defined on C integers and logicals, not on Fortran integers.
            case .fortranInteger: return ["SUM", "PROD", "MAX", "MIN", "BAND", "BOR", "BXOR"]
            case .float: return ["SUM", "PROD", "MAX", "MIN"]
            case .complex: return ["SUM", "PROD"]
            case .logical: return ["LAND", "LOR", "LXOR"]
            case .byte: return ["BAND", "BOR", "BXOR"]
            case .character: return []
            case .pair: return ["MAXLOC", "MINLOC"]
            }
        }

        /// How the support header sets and compares values of the class (`MW_SET_<macro>`).
        var macro: String {
            switch self {
            case .character: return "BYTE"
            case .fortranInteger: return "INTEGER"
            default: return rawValue.uppercased()
            }
        }
    }

    let name: String
    let cType: String

    /// One of MPI's optional datatypes: a Fortran type with its size in bytes in the name, or
    /// MPI_DOUBLE_COMPLEX.
    var isOptional: Bool {
        guard name != "MPI_DOUBLE_COMPLEX" else { return true }
        let base = name.prefix { !$0.isNumber }
        return base.count < name.count && ["MPI_INTEGER", "MPI_REAL", "MPI_COMPLEX", "MPI_LOGICAL"].contains(String(base))
    }
    let cls: Class
    /// Why reductions on the type are left out, when they are.
    let noReductions: String?

    /// `MPI_LONG_DOUBLE_INT` -> `LONG_DOUBLE_INT`: usable in C identifiers.
    var id: String { String(name.dropFirst(4)) }

    static let table: [String: (String, Class)] = [
        "MPI_CHAR": ("char", .character), "MPI_WCHAR": ("wchar_t", .character), "MPI_CHARACTER": ("char", .character),
        "MPI_SIGNED_CHAR": ("signed char", .integer), "MPI_UNSIGNED_CHAR": ("unsigned char", .integer),
        "MPI_SHORT": ("short", .integer), "MPI_UNSIGNED_SHORT": ("unsigned short", .integer),
        "MPI_INT": ("int", .integer), "MPI_UNSIGNED": ("unsigned", .integer),
        "MPI_LONG": ("long", .integer), "MPI_UNSIGNED_LONG": ("unsigned long", .integer),
        "MPI_LONG_LONG": ("long long", .integer), "MPI_LONG_LONG_INT": ("long long", .integer),
        "MPI_UNSIGNED_LONG_LONG": ("unsigned long long", .integer),
        "MPI_INT8_T": ("int8_t", .integer), "MPI_INT16_T": ("int16_t", .integer),
        "MPI_INT32_T": ("int32_t", .integer), "MPI_INT64_T": ("int64_t", .integer),
        "MPI_UINT8_T": ("uint8_t", .integer), "MPI_UINT16_T": ("uint16_t", .integer),
        "MPI_UINT32_T": ("uint32_t", .integer), "MPI_UINT64_T": ("uint64_t", .integer),
        "MPI_AINT": ("MPI_Aint", .integer), "MPI_OFFSET": ("MPI_Offset", .integer), "MPI_COUNT": ("MPI_Count", .integer),
        "MPI_INTEGER": ("int", .fortranInteger), "MPI_INTEGER1": ("int8_t", .fortranInteger), "MPI_INTEGER2": ("int16_t", .fortranInteger),
        "MPI_INTEGER4": ("int32_t", .fortranInteger), "MPI_INTEGER8": ("int64_t", .fortranInteger),
        "MPI_FLOAT": ("float", .float), "MPI_DOUBLE": ("double", .float), "MPI_LONG_DOUBLE": ("long double", .float),
        "MPI_REAL": ("float", .float), "MPI_DOUBLE_PRECISION": ("double", .float),
        "MPI_REAL4": ("float", .float), "MPI_REAL8": ("double", .float), "MPI_REAL16": ("mw_quad", .float),
        "MPI_C_COMPLEX": ("float _Complex", .complex), "MPI_C_FLOAT_COMPLEX": ("float _Complex", .complex),
        "MPI_C_DOUBLE_COMPLEX": ("double _Complex", .complex), "MPI_C_LONG_DOUBLE_COMPLEX": ("long double _Complex", .complex),
        "MPI_CXX_COMPLEX": ("float _Complex", .complex), "MPI_CXX_FLOAT_COMPLEX": ("float _Complex", .complex),
        "MPI_CXX_DOUBLE_COMPLEX": ("double _Complex", .complex), "MPI_CXX_LONG_DOUBLE_COMPLEX": ("long double _Complex", .complex),
        "MPI_COMPLEX": ("float _Complex", .complex), "MPI_DOUBLE_COMPLEX": ("double _Complex", .complex),
        "MPI_COMPLEX8": ("float _Complex", .complex), "MPI_COMPLEX16": ("double _Complex", .complex),
        "MPI_COMPLEX32": ("mw_quad_complex", .complex),
        "MPI_C_BOOL": ("bool", .logical), "MPI_CXX_BOOL": ("bool", .logical), "MPI_LOGICAL": ("int", .logical),
        "MPI_LOGICAL1": ("int8_t", .logical), "MPI_LOGICAL2": ("int16_t", .logical),
        "MPI_LOGICAL4": ("int32_t", .logical), "MPI_LOGICAL8": ("int64_t", .logical),
        "MPI_BYTE": ("unsigned char", .byte),
        "MPI_FLOAT_INT": ("mw_float_int", .pair), "MPI_DOUBLE_INT": ("mw_double_int", .pair),
        "MPI_LONG_INT": ("mw_long_int", .pair), "MPI_2INT": ("mw_2int", .pair), "MPI_SHORT_INT": ("mw_short_int", .pair),
        "MPI_LONG_DOUBLE_INT": ("mw_long_double_int", .pair), "MPI_2INTEGER": ("mw_2integer", .pair),
        "MPI_2REAL": ("mw_2real", .pair), "MPI_2DOUBLE_PRECISION": ("mw_2double_precision", .pair),
    ]

    /// Reductions the host library itself gets wrong, so there is no native truth to compare with.
    static let hostReductionFaults: [String: String] = [
        "MPI_REAL16": "the host's Open MPI reduces REAL*16 as x87 long double (native sum of 1.5 and 3 gives 3)",
        "MPI_COMPLEX32": "the host's Open MPI reduces COMPLEX*32 as x87 long double (native sum of 1 and 1 gives 1)",
    ]

    /// Datatypes the sweep does not cover, and why.
    static let notSwept: [String: String] = [
        "MPI_DATATYPE_NULL": "not a datatype",
        "MPI_PACKED": "only meaningful with MPI_Pack/MPI_Unpack (covered by the datatypes programs)",
        "MPI_2COMPLEX": "deprecated Fortran pair of complexes with no C counterpart or reduction op",
        "MPI_2DOUBLE_COMPLEX": "deprecated Fortran pair of complexes with no C counterpart or reduction op",
    ]

    /// The model's predefined datatypes, in the model's order: swept ones and the others with reasons.
    /// Only datatypes both the host's mpi.h and the wasm mpi.h (the standard ABI) define are swept.
    static func from(_ api: MPIAPI, abi: Set<String>) -> (swept: [MatrixDatatype], skipped: [(String, String)]) {
        var swept: [MatrixDatatype] = []
        var skipped: [(String, String)] = []
        for constant in api.constants {
            guard case .handle(let kind, _) = constant.value, kind.typeName == "MPI_Datatype" else { continue }
            if !abi.contains(constant.name) {
                skipped.append((constant.name, "the host's own name, not in the standard ABI the wasm mpi.h follows"))
            } else if let (cType, cls) = table[constant.name] {
                swept.append(MatrixDatatype(name: constant.name, cType: cType, cls: cls, noReductions: hostReductionFaults[constant.name]))
            } else {
                skipped.append((constant.name, notSwept[constant.name] ?? "no C type known to the matrix"))
            }
        }
        return (swept, skipped)
    }
}
