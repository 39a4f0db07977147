import Foundation
import MPIModel

/// Generates the error-path half of the matrix from the model alone: for every bound function,
/// calls that make one argument invalid (a null handle of the parameter's kind, a rank of 1000,
/// a tag of -7, a buffer count of -1) while every other argument is valid or harmless, and
/// prints the error class the call returns. The native build's output is the truth the wasm
/// build must reproduce, class for class, on every rank.
struct ErrorSweepEmitter {
    /// Handles with a predefined valid value the sweep passes when the parameter is not probed.
    static let validHandle = [
        "MPI_Comm": "MPI_COMM_WORLD", "MPI_Datatype": "MPI_INT", "MPI_Op": "MPI_SUM",
        "MPI_Group": "MPI_GROUP_EMPTY", "MPI_Errhandler": "MPI_ERRORS_RETURN", "MPI_Info": "MPI_INFO_NULL",
    ]
    /// The null value of each handle kind the sweep probes.
    static let nullHandle = [
        "MPI_Comm": "MPI_COMM_NULL", "MPI_Datatype": "MPI_DATATYPE_NULL", "MPI_Op": "MPI_OP_NULL",
        "MPI_Group": "MPI_GROUP_NULL", "MPI_Errhandler": "MPI_ERRHANDLER_NULL",
        "MPI_Win": "MPI_WIN_NULL", "MPI_File": "MPI_FILE_NULL",
    ]
    /// Null values of the handle kinds the sweep never probes but must pass.
    static let nullValue = ["MPI_Request": "MPI_REQUEST_NULL", "MPI_Message": "MPI_MESSAGE_NULL"]
        .merging(nullHandle) { first, _ in first }

    /// Functions left out of the sweep, and why.
    static let excluded: [String: String] = [
        "MPI_Init": "starts MPI; every program calls it", "MPI_Init_thread": "starts MPI; called by the environment cases",
        "MPI_Finalize": "ends MPI; every program calls it", "MPI_Abort": "ends the job (runtime tests cover it)",
        "MPI_Mrecv": "its only invalid-free message is MPI_MESSAGE_NULL, whose errors Open MPI 4.1 raises fatally on MPI_COMM_NULL",
        "MPI_Imrecv": "its only invalid-free message is MPI_MESSAGE_NULL, whose errors Open MPI 4.1 raises fatally on MPI_COMM_NULL",
    ]

    /// Probes whose outcome differs between ranks by design, that the host cannot survive
    /// natively, or where the runtime answers on purpose otherwise than the host, so there is
    /// no truth to compare with (`function parameter`).
    static let unsafeProbes: [String: String] = [
        "MPI_Allgather comm": Self.refusedNull("MPI_SUCCESS (it skips its checks when the receive count is 0)"),
        "MPI_Neighbor_allgather comm": Self.refusedNull("MPI_SUCCESS (it skips its checks when the receive count is 0)"),
        "MPI_Comm_set_info comm": Self.refusedNull("MPI_ERR_INFO (it checks the info first)"),
        "MPI_File_get_info fh": Self.refusedNull("MPI_ERR_COMM"),
        "MPI_Intercomm_create bridge_comm": "significant only at the local leader: the other ranks wait for it",
        "MPI_Intercomm_create remote_leader": "significant only at the local leader: the other ranks wait for it",
        "MPI_Intercomm_create tag": "significant only at the local leader: the other ranks wait for it",
        "MPI_Attr_get comm": "Open MPI 4.1's MPI_Attr_get does not check its communicator (MPI_SUCCESS for MPI_COMM_NULL); the runtime answers MPI_ERR_COMM, as MPI_Comm_get_attr does",
        "MPI_Improbe comm": "Open MPI 4.1 raises the error on MPI_COMM_NULL, whose handler is fatal",
        "MPI_Mprobe comm": "Open MPI 4.1 raises the error on MPI_COMM_NULL, whose handler is fatal",
        "MPI_Probe comm": "Open MPI 4.1 raises the error on MPI_COMM_NULL, whose handler is fatal",
        "MPI_Iprobe comm": "Open MPI 4.1 raises the error on MPI_COMM_NULL, whose handler is fatal",
        "MPI_Iallgather comm": "Open MPI 4.1 dereferences MPI_COMM_NULL here (segmentation fault natively)",
        "MPI_Ineighbor_allgather comm": "Open MPI 4.1 dereferences MPI_COMM_NULL here (segmentation fault natively)",
    ]

    static func refusedNull(_ host: String) -> String {
        "the runtime refuses null communicators, windows and files itself (the kind's class; Open MPI 4.1 crashes on some); the host answers \(host)"
    }

    struct Probe {
        let label: String
        let arguments: [String]
    }

    let bound: Set<String>
    let gated: Set<String>

    /// The probes of one function: empty when no argument can be made invalid on its own.
    func probes(_ function: MPIFunction) -> [Probe] {
        let parameters = function.parameters
        let valid = parameters.enumerated().map { defaultArgument($1, index: $0, in: function) }
        // A handle kind without a valid predefined value (window, file, request, message, tool
        // handles) is passed as its null value; probing anything else would test two errors at once.
        if let first = parameters.first(where: Self.lacksValidHandle) {
            guard let null = first.inputHandleType.flatMap({ Self.nullHandle[$0] }),
                  Self.unsafeProbes["\(function.name) \(first.name)"] == nil else { return [] }
            return [Probe(label: "\(first.name)=\(null)", arguments: valid)]
        }
        var probes: [Probe] = []
        let counts = bufferCounts(function), rootOnly = rootOnly(function)
        for (index, parameter) in parameters.enumerated() {
            if rootOnly.contains(parameter.name) || Self.unsafeProbes["\(function.name) \(parameter.name)"] != nil { continue }
            let invalid: String
            if let null = parameter.inputHandleType.flatMap({ Self.nullHandle[$0] }) {
                invalid = null
            } else if case .scalar? = parameter.kind, parameter.domain == .rank {
                invalid = "1000"
            } else if case .scalar? = parameter.kind, parameter.domain == .tag {
                invalid = "-7"
            } else if case .scalar? = parameter.kind, counts.contains(parameter.name) {
                invalid = "-1"
            } else {
                continue
            }
            var arguments = valid
            arguments[index] = invalid
            probes.append(Probe(label: "\(parameter.name)=\(invalid)", arguments: arguments))
        }
        return probes
    }

    /// A handle passed by value of a kind without a valid predefined value (window, file,
    /// request, message, tool handles): the sweep can only pass its null value.
    static func lacksValidHandle(_ parameter: Parameter) -> Bool {
        parameter.inputHandleType.map { validHandle[$0] == nil } ?? false
    }

    /// Why a bound function has no sweep, when it has none.
    func exclusion(_ function: MPIFunction) -> String? {
        if let reason = Self.excluded[function.name] { return reason }
        if gated.contains(function.name) { return "refused unless the user grants the capability (runtime capability tests)" }
        return probes(function).isEmpty ? "no argument the sweep can make invalid on its own" : nil
    }

    /// Parameters that count the elements of a typed buffer.
    func bufferCounts(_ function: MPIFunction) -> Set<String> {
        Set(function.parameters.compactMap { parameter in
            guard case .buffer(_, .typed(.parameter(let count), _), _)? = parameter.kind else { return nil }
            return count
        })
    }

    /// Counts and datatypes of buffers significant only at the root (or only elsewhere): an
    /// invalid one fails the call on some ranks while the others wait for them.
    func rootOnly(_ function: MPIFunction) -> Set<String> {
        var names = Set<String>()
        for parameter in function.parameters {
            guard case .buffer(_, let layout, let significance)? = parameter.kind, significance != .all else { continue }
            switch layout {
            case .typed(.parameter(let count), let datatype): names.formUnion([count, datatype])
            case .typed(_, let datatype): names.insert(datatype)
            case .perRank(let counts, let displacements, let datatype, _): names.formUnion([counts, datatype] + (displacements.map { [$0] } ?? []))
            case .perRankTypes(let counts, let displacements, let datatypes, _): names.formUnion([counts, displacements, datatypes])
            case .bytes: break
            }
        }
        return names
    }

    /// A valid or harmless value for a parameter the probe leaves alone.
    func defaultArgument(_ parameter: Parameter, index: Int, in function: MPIFunction) -> String {
        let scratch = "(void *)mw_scratch[\(index)]"
        switch parameter.kind {
        case .scalar?:
            return bufferCounts(function).contains(parameter.name) ? "1" : "0"
        case .handle(.in)?:
            guard case .handle(let kind) = parameter.type else { return "0" }
            return Self.validHandle[kind.typeName] ?? Self.nullHandle[kind.typeName] ?? "\(kind.typeName.uppercased())_NULL"
        case .handle(.inout)?:
            // A handle the call reads and writes starts as a valid or null one (zero bytes are
            // not a handle natively).
            guard case .pointer(.handle(let kind), _) = parameter.type,
                  let value = Self.validHandle[kind.typeName] ?? Self.nullValue[kind.typeName] else { return scratch }
            return "(*(\(kind.typeName) *)mw_scratch[\(index)] = \(value), (\(kind.typeName) *)mw_scratch[\(index)])"
        case .statuses?: return "MPI_STATUSES_IGNORE"
        case .stringIn?: return "\"mw\""
        case .argv?: return "MPI_ARGV_NULL"
        case .argvs?: return "MPI_ARGVS_NULL"
        case .callback?, .opaque?, .initArguments?: return "NULL"
        default: return scratch
        }
    }

    /// One program per family: `errors_<family>.c`.
    func render(_ api: MPIAPI, banner: String) -> [(name: String, text: String)] {
        var byFamily: [FunctionFamily: [(name: String, body: String)]] = [:]
        for function in api.functions where bound.contains(function.name) && Self.excluded[function.name] == nil && !gated.contains(function.name) {
            let probes = probes(function)
            if probes.isEmpty { continue }
            var body = "static void sweep_\(function.name)(void) {\n    int rc;\n"
            for probe in probes {
                body += "    memset(mw_scratch, 0, sizeof mw_scratch);\n"
                let name = "\"\(function.name) \(probe.label.replacingQuotes)\""
                body += "    rc = mw_host_defect(\(name)) ? MW_SKIPPED : \(function.name)(\(probe.arguments.joined(separator: ", ")));\n"
                body += "    mw_probe(\(name), rc);\n"
            }
            byFamily[FunctionFamily(function: function.name), default: []].append(("sweep_\(function.name)", body + "}\n"))
        }
        return FunctionFamily.allCases.compactMap { family in
            guard let functions = byFamily[family] else { return nil }
            var text = banner
            text += "/* Error paths of the \(family.rawValue) functions: one invalid argument per call. */\n"
            text += "#include \"matrix.h\"\n#include \"matrix_model.h\"\n\n"
            text += functions.map(\.body).joined(separator: "\n")
            text += "\nint main(int argc, char **argv) {\n    mw_begin(&argc, &argv);\n"
            text += functions.map { "    \($0.name)();\n" }.joined()
            text += "    return mw_end();\n}\n"
            return ("errors_\(family.slug).c", text)
        }
    }
}

private extension String {
    var replacingQuotes: String { replacingOccurrences(of: "\"", with: "'") }
}

extension Parameter {
    /// The handle type of a handle passed by value (`MPI_Comm` for `MPI_Comm comm`).
    var inputHandleType: String? {
        guard case .handle(.in)? = kind, case .handle(let handle) = type else { return nil }
        return handle.typeName
    }
}
