import MPIModel
import MPISemantics

/// Renders the guest's `mpi.h`: the wasm-side ABI of DESIGN.md (32-bit integer handles,
/// standard-ABI constants, the 32-byte status) and one import from module `mpi` per bound function.
public struct WasmHeaderEmitter {
    public let abi: [ABIConstant]
    /// `templates/mpi.h.template`: the fixed text around the generated parts.
    public let template: Template

    public init(abi: [ABIConstant], template: Template) {
        self.abi = abi
        self.template = template
    }

    /// C types of ABI-table constants whose table entry is shorthand (`char*` for `char***`).
    static let pointerTypes: [String: String] = [
        "MPI_ARGV_NULL": "char **", "MPI_ARGVS_NULL": "char ***",
    ]

    public func render(_ api: MPIAPI) throws -> String {
        try template.render([
            "banner": generatedBanner(api) { "/* " + $0 + " */" }.dropLast().description,
            "host": "\(api.host.implementation) \(api.host.implementationVersion)",
            "mpi_version": String(api.host.mpiVersion),
            "mpi_subversion": String(api.host.mpiSubversion),
            "handle_typedefs": api.handleTypes.map { "typedef int \($0.kind.typeName);\n" }.joined(),
            "enum_typedefs": api.enumTypes.map { "typedef int \($0);\n" }.joined(),
            "callback_typedefs": renderCallbackTypes(api),
            "constants": renderConstants(api),
            "imports": renderImports(api),
            "guest_local": renderGuestLocal(api),
            "trampolines": renderTrampolines(api),
        ])
    }

    /// Callback typedefs; types that share a signature with a standard one become its aliases.
    func renderCallbackTypes(_ api: MPIAPI) -> String {
        var out = ""
        var aliases = ""
        for callback in api.callbackTypes {
            if let primary = api.trampolineType(for: callback.name), primary != callback.name {
                aliases += "typedef \(primary) \(callback.name);\n"
                continue
            }
            var parameters = callback.parameters.map { $0.declaration("") }
            if callback.isVariadic { parameters.append("...") }
            if parameters.isEmpty { parameters = ["void"] }
            out += "typedef \(callback.result.guestSpelling) (\(callback.name))(\(parameters.joined(separator: ", ")));\n"
        }
        return out + aliases
    }

    /// Every ABI constant whose type this host has, at its standard-ABI value.
    func renderConstants(_ api: MPIAPI) -> String {
        let types = Set(api.handleTypes.map(\.kind.typeName) + api.callbackTypes.map(\.name))
            .union(["int", "void*", "char*", "int*", "MPI_Status*", "MPI_Offset"])
        var out = ""
        for constant in abi {
            if let reason = Self.omitted(constant.name) {
                out += "/* \(constant.name): \(reason) */\n"
                continue
            }
            let baseType = constant.type.hasSuffix("*") ? String(constant.type.dropLast()) : constant.type
            switch constant.value {
            case .alias(let target):
                out += "#define \(constant.name) \(target)\n"
            case .literal(let value) where types.contains(constant.type) || types.contains(baseType):
                out += "#define \(constant.name) \(expression(constant, value: value))\n"
            case .literal:
                out += "/* \(constant.name): this host has no \(constant.type) */\n"
            }
        }
        return out
    }

    /// ABI-table entries the header does not take from the table, and why.
    static func omitted(_ name: String) -> String? {
        if name == "MPI_VERSION" || name == "MPI_SUBVERSION" { return "defined above from the host's version" }
        if name.hasPrefix("MPI_ABI_") { return "a macro of the MPI Forum ABI library itself, not claimed by mpiwasm" }
        return nil
    }

    func expression(_ constant: ABIConstant, value: String) -> String {
        let value = value.hasPrefix("-") ? "(\(value))" : value
        switch constant.type {
        case "int": return value
        case "MPI_Offset": return "((MPI_Offset)\(value))"
        default:
            if let type = WasmHeaderEmitter.pointerTypes[constant.name] { return "((\(type))\(value))" }
            if constant.type.hasSuffix("*") { return "((\(constant.type.dropLast()) *)\(value))" }
            return "((\(constant.type))\(value))"
        }
    }

    func renderImports(_ api: MPIAPI) -> String {
        var out = ""
        for function in api.functions where function.isBound && !function.isGuestLocal {
            var parameters = function.parameters.isEmpty
                ? "void" : function.parameters.map { $0.type.declaration($0.name) }.joined(separator: ", ")
            if function.isVariadic { parameters += ", ..." }
            let result = function.returnType.guestSpelling
            out += "MPIWASM_IMPORT(\(function.name)) \(result) \(function.name)(\(parameters));\n"
            if function.hasProfilingTwin {
                out += "MPIWASM_IMPORT(\(function.name)) \(result) P\(function.name)(\(parameters));\n"
            }
        }
        return out
    }

    func renderGuestLocal(_ api: MPIAPI) -> String {
        var out = ""
        for function in api.functions where function.isBound && function.isGuestLocal {
            out += GuestLocalFunctions.definition(of: function) + "\n"
            if function.hasProfilingTwin {
                out += GuestLocalFunctions.definition(of: function, name: "P" + function.name) + "\n"
            }
        }
        let declared = Set(api.functions.map(\.name))
        for (name, definition) in GuestLocalFunctions.addressArithmetic.sorted(by: { $0.key < $1.key })
        where !declared.contains(name) && api.functionLikeMacros.contains(name) {
            out += definition + "\n"
        }
        return out
    }

    /// One exported trampoline per callback signature (see `MPIAPI.trampolineType(for:)`).
    func renderTrampolines(_ api: MPIAPI) -> String {
        var out = ""
        for callback in api.callbackTypes where api.trampolineType(for: callback.name) == callback.name {
            let name = "mpiwasm_call_\(callback.name)"
            let arguments = callback.parameters.indices.map { "a\($0)" }
            let parameters = ["\(callback.name) *f"] + callback.parameters.enumerated().map { $1.declaration("a\($0)") }
            let result = callback.result.guestSpelling
            let call = "f(\(arguments.joined(separator: ", ")))"
            out += "\(result) \(name)(\(parameters.joined(separator: ", ")));\n"
            out += "MPIWASM_EXPORT(\(name)) \(result) \(name)(\(parameters.joined(separator: ", "))) { "
            out += (result == "void" ? "\(call); }\n" : "return \(call); }\n")
        }
        return out
    }
}
