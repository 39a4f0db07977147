import MPIModel
import MPISemantics

/// Renders the guest's `mpi.h`: the wasm-side ABI of DESIGN.md (32-bit integer handles,
/// standard-ABI constants, the 32-byte status) and one import from module `mpi` per bound function.
public struct WasmHeaderEmitter {
    public let abi: [ABIConstant]

    public init(abi: [ABIConstant]) { self.abi = abi }

    /// C types of ABI-table constants whose table entry is shorthand (`char*` for `char***`).
    static let pointerTypes: [String: String] = [
        "MPI_ARGV_NULL": "char **", "MPI_ARGVS_NULL": "char ***",
    ]

    public func render(_ api: MPIAPI) -> String {
        var out = generatedBanner(api) { "/* " + $0 + " */" }
        out += """
        #ifndef MPIWASM_MPI_H
        #define MPIWASM_MPI_H

        #if !defined(__wasm32__)
        #error "this mpi.h is mpiwasm's wasm32 sysroot header; build with --target=wasm32-wasi"
        #endif

        #include <stddef.h>
        #include <stdint.h>
        #include <stdlib.h>
        #include <string.h>

        #if defined(__cplusplus)
        extern "C" {
        #endif
        #if defined(__cplusplus) && __cplusplus >= 201103L
        #define MPIWASM_STATIC_ASSERT(c, m) static_assert(c, m)
        #elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
        #define MPIWASM_STATIC_ASSERT(c, m) _Static_assert(c, m)
        #else
        #define MPIWASM_STATIC_ASSERT(c, m) extern char mpiwasm_static_assert[(c) ? 1 : -1]
        #endif

        #define MPIWASM 1
        #define MPIWASM_HOST_MPI "\(api.host.implementation) \(api.host.implementationVersion)"
        #define MPI_VERSION \(api.host.mpiVersion)
        #define MPI_SUBVERSION \(api.host.mpiSubversion)

        typedef intptr_t MPI_Aint;
        typedef int64_t MPI_Offset;
        typedef MPI_Offset MPI_Count;
        typedef int MPI_Fint;


        """
        out += "/* Handles: 32-bit integers; predefined ones below 0x1000, created ones from 0x1000. */\n"
        for handle in api.handleTypes {
            out += "typedef int \(handle.kind.typeName);\n"
        }
        out += """

        typedef struct MPI_Status {
            int MPI_SOURCE;
            int MPI_TAG;
            int MPI_ERROR;
            int MPI_internal[5];
        } MPI_Status;

        MPIWASM_STATIC_ASSERT(sizeof(MPI_Status) == 32, "MPI_Status is 32 bytes in the wasm ABI");
        MPIWASM_STATIC_ASSERT(sizeof(MPI_Aint) == 4, "MPI_Aint is intptr_t (32 bits on wasm32)");
        MPIWASM_STATIC_ASSERT(sizeof(MPI_Offset) == 8 && sizeof(MPI_Count) == 8, "MPI_Offset and MPI_Count are 64 bits");
        MPIWASM_STATIC_ASSERT(sizeof(MPI_Comm) == 4, "handles are 32-bit integers");


        """
        out += renderCallbackTypes(api)
        out += renderConstants(api)
        out += renderFunctions(api)
        out += renderRuntimeSupport(api)
        out += """

        #if defined(__cplusplus)
        }
        #endif
        #endif /* MPIWASM_MPI_H */

        """
        return out
    }

    /// Callback typedefs; types that share a signature with a standard one become its aliases.
    func renderCallbackTypes(_ api: MPIAPI) -> String {
        var out = "/* Callback types. */\n"
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
        return out + aliases + "\n"
    }

    /// Every ABI constant whose type this host has, at its standard-ABI value.
    func renderConstants(_ api: MPIAPI) -> String {
        let types = Set(api.handleTypes.map(\.kind.typeName) + api.callbackTypes.map(\.name))
            .union(["int", "void*", "char*", "int*", "MPI_Status*", "MPI_Offset"])
        var out = "/* Constants at their standard-ABI values. */\n"
        for constant in abi {
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
        return out + "\n"
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

    func renderFunctions(_ api: MPIAPI) -> String {
        var out = """
        /* Functions: each an import from the wasm module "mpi", served by the mpiwasm runtime. */
        #define MPIWASM_IMPORT(name) __attribute__((import_module("mpi"), import_name(#name)))


        """
        for function in api.functions where function.isBound && !function.isGuestLocal {
            let parameters = function.parameters.isEmpty
                ? "void" : function.parameters.map { $0.type.declaration($0.name) }.joined(separator: ", ")
            let result = function.returnType.guestSpelling
            out += "MPIWASM_IMPORT(\(function.name)) \(result) \(function.name)(\(parameters));\n"
            if function.hasProfilingTwin {
                out += "MPIWASM_IMPORT(\(function.name)) \(result) P\(function.name)(\(parameters));\n"
            }
        }
        out += "\n/* Computed in the guest: Fortran handle conversions and address arithmetic. */\n"
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
        return out + "\n"
    }

    /// Exports the runtime needs in every module: an allocator in guest memory (for
    /// MPI_Alloc_mem, windows, attribute values) and one trampoline per callback type, through
    /// which the host calls guest function pointers with a type-checked indirect call.
    /// Weak, so any number of translation units link to one definition.
    func renderRuntimeSupport(_ api: MPIAPI) -> String {
        var out = """
        /* Runtime support exported by every module built against this header. */
        #define MPIWASM_EXPORT(name) __attribute__((weak, export_name(#name)))
        void *mpiwasm_malloc(size_t size);
        void mpiwasm_free(void *pointer);
        MPIWASM_EXPORT(mpiwasm_malloc) void *mpiwasm_malloc(size_t size) { return malloc(size); }
        MPIWASM_EXPORT(mpiwasm_free) void mpiwasm_free(void *pointer) { free(pointer); }

        """
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
