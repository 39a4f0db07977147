import ClangFrontEnd
import Foundation
import MPIModel

/// Evaluates object-like macros by compiling a small translation unit that includes
/// `mpi.h` and declares one variable per macro, then asking libclang for each
/// variable's type and value.
///
/// The type tells a handle (`MPI_Comm`) from an integer or a pointer sentinel without
/// guessing from the macro's text; Open MPI's handles (`&ompi_mpi_comm_world`) simply
/// have no integer value.
struct MacroProbe {
    let host: HostMPI
    let arguments: [String]
    let mapper: TypeMapper

    init(host: HostMPI, arguments: [String], mapper: TypeMapper) {
        self.host = host
        self.arguments = arguments
        self.mapper = mapper
    }

    static let probeFile = "/mpiwasm-probe/probe.c"

    func evaluate(_ names: [String], emptyMacros: Set<String>) throws -> [HostConstant] {
        let names = names.sorted()
        let candidates = names.filter { !emptyMacros.contains($0) }
        // Line i+3 declares candidate i: the type probe, then the integer probe. NULL first:
        // MPICH's handle constants use it (`((MPI_T_enum)NULL)`) without including stddef.h.
        var source = "#include <stddef.h>\n#include \"\(host.header)\"\n"
        for name in candidates {
            source += "__auto_type mpiwasm_t_\(name) = (\(name)); "
            source += "long long mpiwasm_i_\(name) = (long long)(\(name));\n"
        }
        let (unit, variables) = try compile(source)
        var failures: [Int: String] = [:]
        for diagnostic in unit.diagnostics where diagnostic.severity >= .error && diagnostic.location.file == MacroProbe.probeFile {
            failures[diagnostic.location.line] = failures[diagnostic.location.line] ?? firstLine(diagnostic.message)
        }
        var constants = names.filter { emptyMacros.contains($0) }.map {
            HostConstant(name: $0, value: .notConstant(reason: "empty macro"))
        }
        for (index, name) in candidates.enumerated() {
            if let failure = failures[index + 3], variables["mpiwasm_t_\(name)"].map({ $0.type.kind == .invalid }) ?? true {
                constants.append(HostConstant(name: name, value: .notConstant(reason: failure)))
                continue
            }
            guard let typed = variables["mpiwasm_t_\(name)"] else {
                constants.append(HostConstant(name: name, value: .notConstant(reason: "not an expression")))
                continue
            }
            let integer = failures[index + 3] == nil ? variables["mpiwasm_i_\(name)"]?.evaluated : nil
            constants.append(HostConstant(name: name, value: classify(typed, integer: integer)))
        }
        return constants
    }

    func classify(_ variable: Cursor, integer: EvaluatedValue?) -> HostConstant.Value {
        let type = mapper.map(variable.type)
        var intValue: Int64? = nil
        if case .integer(let v)? = integer { intValue = v }
        switch type {
        case .handle(let kind):
            return .handle(kind, hostValue: intValue)
        case .pointer, .callback:
            return .pointer(type: type, hostValue: intValue)
        case .scalar(let name) where ["float", "double", "long double"].contains(name):
            if case .float(let v)? = variable.evaluated { return .float(v) }
            return .notConstant(reason: "floating value libclang cannot evaluate")
        case .scalar:
            if let intValue { return .integer(intValue) }
            return .notConstant(reason: "integer expression libclang cannot evaluate")
        default:
            if case .string(let s)? = variable.evaluated { return .string(s) }
            return .notConstant(reason: "expression of type \(variable.type.spelling)")
        }
    }

    /// Compiles a probe source and returns the unit (kept alive for the cursors) and the
    /// variables it declares, by name.
    private func compile(_ source: String) throws -> (unit: TranslationUnit, variables: [String: Cursor]) {
        let unit = try TranslationUnit(path: MacroProbe.probeFile, contents: source, arguments: arguments)
        var variables: [String: Cursor] = [:]
        for cursor in unit.root.children where cursor.kind == .variable && cursor.location.file == MacroProbe.probeFile {
            variables[cursor.spelling] = cursor
        }
        return (unit, variables)
    }

    /// The implementation and the MPI version it implements.
    func hostInfo(header: String) throws -> HostInfo {
        let probes = [
            "MPI_VERSION", "MPI_SUBVERSION", "OMPI_MAJOR_VERSION", "OMPI_MINOR_VERSION", "OMPI_RELEASE_VERSION",
        ]
        var source = "#include \"\(host.header)\"\n"
        for name in probes {
            source += "#ifdef \(name)\nlong long mpiwasm_\(name) = \(name);\n#endif\n"
        }
        source += "#ifdef MPICH_VERSION\nconst char *mpiwasm_MPICH_VERSION = MPICH_VERSION;\n#endif\n"
        let variables = try compile(source).variables
        let values = variables.compactMapValues(\.evaluated).reduce(into: [String: EvaluatedValue]()) {
            $0[String($1.key.dropFirst(8))] = $1.value
        }
        func int(_ name: String) -> Int? {
            if case .integer(let v)? = values[name] { return Int(v) }
            return nil
        }
        var implementation = "unknown"
        var version = ""
        if let major = int("OMPI_MAJOR_VERSION") {
            implementation = "Open MPI"
            version = "\(major).\(int("OMPI_MINOR_VERSION") ?? 0).\(int("OMPI_RELEASE_VERSION") ?? 0)"
        } else if case .string(let v)? = values["MPICH_VERSION"] {
            implementation = "MPICH"
            version = v
        }
        return HostInfo(
            implementation: implementation, implementationVersion: version,
            mpiVersion: int("MPI_VERSION") ?? 0, mpiSubversion: int("MPI_SUBVERSION") ?? 0,
            header: URL(fileURLWithPath: header).lastPathComponent)
    }

    private func firstLine(_ message: String) -> String {
        // "file:line:col: error: text" -> "error: text"
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        if let range = line.range(of: "error: ") { return String(line[range.lowerBound...]) }
        return line
    }
}

