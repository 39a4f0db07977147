import Foundation
import MPIModel

/// Renders the validation matrix (`Tests/Matrix/generated/<mpi>/`): C programs that exercise the
/// bound functions, built natively and as wasm by `mpiwasm-sdk matrix`, whose outputs must agree.
///
/// - `errors_<family>.c`: the error sweep, generated from the parameter kinds alone.
/// - one program per case template in `templates/matrix/` (`p2p.c`, `collectives.c`,
///   `reductions.c`, ...), with its `//@each` blocks repeated over the model's datatypes and ops.
/// - `matrix.h` (the templates' support header), `matrix_model.h` (error class names) and
///   `manifest.json`: the bound functions with their families, and why a function no case can
///   exercise is left out, so the runner reports coverage without guessing.
public struct MatrixEmitter {
    public struct File: Sendable {
        public let name: String
        public let text: String
    }

    /// A function the matrix runs nowhere, and why; the runner names it in its summary.
    static let uncoverable: [String: String] = [
        "MPI_Abort": "ends the job; runtime tests (abort_rank) check the message and exit code",
        "MPI_Comm_join": "always refused: its socket would be a descriptor of the guest's WASI table, not the host's (CapabilityTests)",
    ]

    public let abi: [ABIConstant]
    /// Case templates and the support header, by file name.
    public let templates: [String: String]
    public let bound: [String]
    public let gated: Set<String>

    public init(abi: [ABIConstant], templates: [String: String], bound: [String], gated: Set<String>) {
        self.abi = abi
        self.templates = templates
        self.bound = bound
        self.gated = gated
    }

    public func render(_ api: MPIAPI) throws -> [File] {
        let banner = generatedBanner(api) { "/* " + $0 + " */" }
        let (datatypes, skippedTypes) = MatrixDatatype.from(api, abi: Set(abi.map(\.name)))
        let sweep = ErrorSweepEmitter(bound: Set(bound), gated: gated)
        guard let support = templates["matrix.h"] else { throw SpecError("templates/matrix/matrix.h is missing") }
        var files = [File(name: "matrix.h", text: banner + support), File(name: "matrix_model.h", text: banner + modelHeader(api))]
        files += sweep.render(api, banner: banner).map { File(name: $0.name, text: $0.text) }
        files.append(File(name: "forged_handles.c", text: ForgedHandleEmitter(sweep: sweep).render(api, banner: banner)))
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".c") {
            files.append(File(name: name, text: banner + (try MatrixTemplate(name: name, text: text).expand(datatypes: datatypes))))
        }
        let manifest = MatrixManifest(
            host: "\(api.host.implementation) \(api.host.implementationVersion)",
            programs: files.map(\.name).filter { $0.hasSuffix(".c") },
            bound: bound.map { MatrixManifest.Function(name: $0, family: FunctionFamily(function: $0)) },
            reasons: reasons(),
            datatypes: datatypes.map(\.name),
            datatypesNotSwept: Dictionary(uniqueKeysWithValues: skippedTypes))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files.append(File(name: "manifest.json", text: String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"))
        return files
    }

    /// Why functions without a case are left out: explicit reasons, capability gates.
    func reasons() -> [String: String] {
        var reasons = Self.uncoverable
        for name in bound where gated.contains(name) && reasons[name] == nil {
            reasons[name] = "reaches beyond the job; refused unless granted with --allow-connect/--allow-spawn (CapabilityTests)"
        }
        return reasons
    }

    /// Error class names: classes differ in value between hosts and the ABI, so programs print names.
    func modelHeader(_ api: MPIAPI) -> String {
        let hostIntegers = Set(api.constants.compactMap { constant -> String? in
            if case .integer = constant.value { return constant.name }
            return nil
        })
        let classes = abi.filter { ($0.name == "MPI_SUCCESS" || $0.name.hasPrefix("MPI_ERR_") || $0.name.hasPrefix("MPI_T_ERR_")) && $0.name != "MPI_ERR_LASTCODE" }
            .map(\.name).filter(hostIntegers.contains)
        var out = "/* Error classes both the host's mpi.h and the wasm mpi.h define. */\n"
        out += "#ifndef MPIWASM_MATRIX_MODEL_H\n#define MPIWASM_MATRIX_MODEL_H\n#include <stdio.h>\n#include <mpi.h>\n\n"
        out += "static const char *mw_class_name(int cls) {\n"
        out += classes.map { "    if (cls == \($0)) return \"\($0)\";\n" }.joined()
        out += "    static char other[32];\n    snprintf(other, sizeof other, \"class %d\", cls);\n    return other;\n}\n#endif\n"
        return out
    }
}

/// What the runner needs besides the programs: which functions are bound, their families, and
/// the reasons for functions no program can exercise.
public struct MatrixManifest: Codable, Sendable {
    public struct Function: Codable, Sendable {
        public let name: String
        public let family: FunctionFamily

        public init(name: String, family: FunctionFamily) {
            self.name = name
            self.family = family
        }
    }

    public let host: String
    public let programs: [String]
    public let bound: [Function]
    public let reasons: [String: String]
    public let datatypes: [String]
    public let datatypesNotSwept: [String: String]

    public init(host: String, programs: [String], bound: [Function], reasons: [String: String], datatypes: [String], datatypesNotSwept: [String: String]) {
        self.host = host
        self.programs = programs
        self.bound = bound
        self.reasons = reasons
        self.datatypes = datatypes
        self.datatypesNotSwept = datatypesNotSwept
    }
}
