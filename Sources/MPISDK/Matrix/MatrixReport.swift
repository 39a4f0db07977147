import MPIEmitters

/// The matrix's outcome on one host MPI per function family, and its summary line:
/// `matrix: F functions covered of B bound; N passed, M failed on HOST`.
public struct MatrixReport {
    public let manifest: MatrixManifest
    public let programs: [MatrixRunner.Program]
    public let failures: [MatrixRunner.Failure]
    /// The host MPI the runs were on (`Open MPI`); empty when not known.
    public let host: String

    public init(manifest: MatrixManifest, programs: [MatrixRunner.Program], failures: [MatrixRunner.Failure], host: String = "") {
        self.manifest = manifest
        self.programs = programs
        self.failures = failures
        self.host = host
    }

    var covered: Set<String> { programs.reduce(into: Set()) { $0.formUnion($1.functions) } }
    var failed: Set<String> { failures.reduce(into: Set()) { $0.formUnion($1.functions) }.intersection(covered) }

    /// Bound functions no selected program calls, with the reason when one is known.
    public var uncovered: [(name: String, reason: String)] {
        manifest.bound.map(\.name).filter { !covered.contains($0) }.sorted()
            .map { ($0, manifest.reasons[$0] ?? "no matrix case calls it") }
    }

    public var summary: String {
        let covered = covered, failed = failed
        return "matrix: \(covered.count) functions covered of \(manifest.bound.count) bound; \(covered.count - failed.count) passed, \(failed.count) failed"
            + (host.isEmpty ? "" : " on \(host)")
    }

    public var table: String {
        var out = "| family | bound | covered | passed | failed |\n|---|---:|---:|---:|---:|\n"
        let covered = covered, failed = failed
        for family in FunctionFamily.allCases {
            let names = manifest.bound.filter { $0.family == family }.map(\.name)
            guard !names.isEmpty else { continue }
            let inFamily = names.filter(covered.contains), failing = inFamily.filter(failed.contains)
            out += "| \(family.rawValue) | \(names.count) | \(inFamily.count) | \(inFamily.count - failing.count) | \(failing.count) |\n"
        }
        return out
    }

    /// Everything a reader needs: failures first, then the table, what is not covered, the summary.
    public var text: String {
        var out = ""
        for failure in failures {
            out += "FAILED \(failure.program) on \(failure.ranks) ranks (\(failure.variant)\(host.isEmpty ? "" : ", " + host)): \(failure.functions.sorted().prefix(8).joined(separator: ", "))\n"
            out += failure.message.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        out += (failures.isEmpty ? "" : "\n") + table
        let uncovered = uncovered
        if !uncovered.isEmpty {
            out += "\nnot covered (\(uncovered.count)):\n" + uncovered.map { "  \($0.name): \($0.reason)\n" }.joined()
        }
        return out + "\n" + summary + "\n"
    }
}
