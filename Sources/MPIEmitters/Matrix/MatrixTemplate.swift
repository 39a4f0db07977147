import Foundation
import MPIModel

/// A case template of the matrix (`templates/matrix/*.c`): C text whose blocks between
/// `//@each <dimension> [class ...]` and `//@end` are repeated once per value of the dimension,
/// with placeholders replaced:
///
/// - `type [classes]`: every swept datatype (optionally only the listed classes); `@MPI@` is the
///   datatype (`MPI_INT`), `@ID@` the name without `MPI_`, `@T@` its C type, `@CLS@` its class's
///   macro suffix (`INTEGER`, used as `MW_SET_@CLS@`).
/// - `reduction`: every (op, datatype) pair the standard defines a predefined op for, except
///   reductions the host itself gets wrong; adds `@OP@` (`MPI_SUM`) and `@OPID@` (`SUM`).
struct MatrixTemplate {
    let name: String
    let text: String

    func expand(datatypes: [MatrixDatatype]) throws -> String {
        var out = ""
        var block: [Substring]? = nil
        var header = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//@each ") {
                guard block == nil else { throw SpecError("\(name): nested //@each") }
                block = []
                header = String(trimmed.dropFirst(8))
            } else if trimmed == "//@end" {
                guard let body = block else { throw SpecError("\(name): //@end without //@each") }
                out += try repeatBlock(body.joined(separator: "\n") + "\n", header: header, datatypes: datatypes)
                block = nil
            } else if block != nil {
                block!.append(line)
            } else {
                out += line + "\n"
            }
        }
        guard block == nil else { throw SpecError("\(name): //@each without //@end") }
        return String(out.dropLast())
    }

    private func repeatBlock(_ body: String, header: String, datatypes: [MatrixDatatype]) throws -> String {
        let words = header.split(separator: " ").map(String.init)
        let classes = try words.dropFirst().map { word in
            guard let cls = MatrixDatatype.Class(rawValue: word) else { throw SpecError("\(name): unknown datatype class \(word)") }
            return cls
        }
        let selected = datatypes.filter { classes.isEmpty || classes.contains($0.cls) }
        switch words.first {
        case "type":
            return selected.map { guarded(substitute(body, $0, op: nil), $0) }.joined()
        case "reduction":
            return selected.filter { $0.noReductions == nil }.flatMap { type in
                type.cls.ops.map { guarded(substitute(body, type, op: $0), type) }
            }.joined()
        default:
            throw SpecError("\(name): unknown dimension '\(header)'")
        }
    }

    /// The optional datatypes (MPI 4.0 section 3.2.2: MPI_INTEGER1, MPI_REAL2, MPI_LOGICAL8, ...)
    /// are not in every host's mpi.h (MPICH has no MPI_LOGICAL1): their cases compile only where
    /// the header defines them, so the native build on any host compiles. The wasm build
    /// always has them; on a host without one, the case finds it unusable and skips (matrix.h).
    private func guarded(_ text: String, _ type: MatrixDatatype) -> String {
        type.isOptional ? "#ifdef \(type.name)\n" + text + "#endif\n" : text
    }

    private func substitute(_ body: String, _ type: MatrixDatatype, op: String?) -> String {
        var text = body
        if let op {
            text = text.replacingOccurrences(of: "@OPID@", with: op).replacingOccurrences(of: "@OP@", with: "MPI_" + op)
        }
        return text.replacingOccurrences(of: "@MPI@", with: type.name)
            .replacingOccurrences(of: "@ID@", with: type.id)
            .replacingOccurrences(of: "@T@", with: type.cType)
            .replacingOccurrences(of: "@CLS@", with: type.cls.macro)
    }
}
