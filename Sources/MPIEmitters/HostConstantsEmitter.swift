import MPIModel

/// Renders the C table of every guest-ABI constant the host defines, with the host's value,
/// compiled against the host's own `mpi.h`: the runtime translates constants (and Open MPI's
/// predefined handles, which are addresses of globals) through it. Swift cannot import those
/// macros itself.
public struct HostConstantsEmitter {
    public let abi: [ABIConstant]

    public init(abi: [ABIConstant]) { self.abi = abi }

    /// The macro that tells the host's header apart, so that tables generated for several
    /// hosts can sit side by side in one target and only the one built against applies.
    public static func hostMacro(_ implementation: String) -> String? {
        switch implementation {
        case "Open MPI": return "OPEN_MPI"
        case "MPICH": return "MPICH"
        default: return nil
        }
    }

    public func render(_ api: MPIAPI) -> String {
        let defined = Set(api.constants.filter {
            if case .notConstant = $0.value { return false }
            return true
        }.map(\.name))
        let macro = Self.hostMacro(api.host.implementation) ?? "MPIWASM_UNKNOWN_HOST_MPI"
        var out = generatedBanner(api) { "/* " + $0 + " */" }
        out += "#include <mpi.h>\n#include \"mpiwasm_host.h\"\n\n#if defined(\(macro))\n"
        out += "const mpiwasm_host_constant mpiwasm_host_constants[] = {\n"
        for constant in abi {
            guard case .literal(let value) = constant.value, defined.contains(constant.name),
                  WasmHeaderEmitter.omitted(constant.name) == nil else { continue }
            let host = constant.type.hasSuffix("*") || constant.type.hasPrefix("MPI_") && !isInteger(constant.type)
                ? "(uint64_t)(uintptr_t)(\(constant.name))" : "(uint64_t)(int64_t)(\(constant.name))"
            out += "    {\"\(constant.name)\", \"\(constant.type)\", \(value), \(host)},\n"
        }
        out += "};\nconst size_t mpiwasm_host_constant_count = sizeof mpiwasm_host_constants / sizeof mpiwasm_host_constants[0];\n"
        out += "#endif\n"
        return out
    }

    /// Integer-typed ABI constants (as opposed to handles and pointers).
    func isInteger(_ type: String) -> Bool { type == "int" || type == "MPI_Offset" }
}
