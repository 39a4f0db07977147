import MPIModel

/// Renders the coverage report (Markdown): each host function, how its parameters were
/// classified, whether a binding is generated and, if not, why; then the constants.
public struct CoverageReportEmitter {
    public let abi: [ABIConstant]

    public init(abi: [ABIConstant]) { self.abi = abi }

    public func render(_ api: MPIAPI) -> String {
        let bound = api.functions.filter(\.isBound)
        let percent = api.functions.isEmpty ? 0 : Double(bound.count) * 100 / Double(api.functions.count)
        var out = generatedBanner(api) { "<!-- " + $0 + " -->" }
        out += "# MPI API coverage\n\n"
        out += "\(summaryLine(api))\n\n"
        out += "Percentage declared: \(formatPercent(percent)).\n\n"
        let unbound = api.functions.filter { !$0.isBound }
        out += "## Left out (\(unbound.count))\n\n"
        out += unbound.isEmpty ? "None.\n" : unbound.map { "- `\($0.name)`: \($0.unboundReason ?? "unclassified")\n" }.joined()
        out += "\n## Functions\n\n| function | bound | parameters |\n|---|---|---|\n"
        for function in api.functions {
            let parameters = function.parameters.map { parameter in
                "`\(parameter.name)`: \(parameter.kind?.description ?? "?")" + (parameter.domain.map { " [\($0.rawValue)]" } ?? "")
            }
            out += "| `\(function.name)` | \(function.isBound ? "yes" : "no") | \(parameters.joined(separator: "; ")) |\n"
        }
        out += constantsSection(api)
        return out
    }

    public func summaryLine(_ api: MPIAPI) -> String {
        let bound = api.functions.filter(\.isBound).count
        return "\(bound) of \(api.functions.count) MPI_ functions of the host mpi.h declared in the wasm mpi.h"
    }

    func constantsSection(_ api: MPIAPI) -> String {
        let abiNames = Set(abi.map(\.name))
        let hostNames = Set(api.constants.filter { if case .notConstant = $0.value { false } else { true } }.map(\.name))
        let hostOnly = hostNames.subtracting(abiNames).sorted()
        let abiOnly = abiNames.subtracting(hostNames).sorted()
        var out = "\n## Constants\n\n"
        out += "\(hostNames.count) host constants; \(abi.count) guest-ABI constants.\n\n"
        out += "Host constants outside the standard ABI, not declared for the guest (\(hostOnly.count)): "
        out += hostOnly.isEmpty ? "none" : hostOnly.map { "`\($0)`" }.joined(separator: ", ")
        out += ".\n\nGuest-ABI constants this host does not define (\(abiOnly.count)): "
        out += abiOnly.isEmpty ? "none" : abiOnly.map { "`\($0)`" }.joined(separator: ", ")
        return out + ".\n"
    }

    func formatPercent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
