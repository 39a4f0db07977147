import Foundation
import MPIModel

/// Functions the guest computes itself, so the header defines them instead of importing them:
/// Fortran handle conversions (a guest handle already is an integer) and MPI-3.1 address
/// arithmetic (guest addresses are guest offsets; the host must not see them as pointers).
public enum GuestLocalFunctions {
    /// Whether `name` is computed in the guest.
    public static func isGuestLocal(_ name: String) -> Bool {
        name.hasSuffix("_c2f") || name.hasSuffix("_f2c") || addressArithmetic.keys.contains(name)
            || addresses.contains(name)
    }

    /// An address is its guest offset: the runtime maps guest MPI_BOTTOM to the base of linear
    /// memory, so absolute displacements work unchanged (DESIGN.md).
    static let addresses: Set<String> = ["MPI_Get_address", "MPI_Address"]

    /// Standard functions that some hosts provide only as macros, with their guest definitions.
    public static let addressArithmetic: [String: String] = [
        "MPI_Aint_add": "static inline MPI_Aint MPI_Aint_add(MPI_Aint base, MPI_Aint disp) { return base + disp; }",
        "MPI_Aint_diff": "static inline MPI_Aint MPI_Aint_diff(MPI_Aint addr1, MPI_Aint addr2) { return addr1 - addr2; }",
    ]

    /// The guest definition of a classified guest-local function.
    public static func definition(of function: MPIFunction, name: String? = nil) -> String {
        let name = name ?? function.name
        if let arithmetic = addressArithmetic[function.name] {
            return arithmetic.replacingOccurrences(of: " " + function.name + "(", with: " " + name + "(")
        }
        let parameters = function.parameters.map { $0.type.declaration($0.name) }.joined(separator: ", ")
        let result = function.returnType.guestSpelling
        let body: String
        switch function.name {
        case "MPI_Get_address", "MPI_Address":
            body = "*\(function.parameters[1].name) = (MPI_Aint)(intptr_t)\(function.parameters[0].name); return 0;"
        case "MPI_Status_c2f":
            body = "memcpy(\(function.parameters[1].name), \(function.parameters[0].name), sizeof(MPI_Status)); return 0;"
        case "MPI_Status_f2c":
            body = "memcpy(\(function.parameters[1].name), \(function.parameters[0].name), sizeof(MPI_Status)); return 0;"
        default:
            body = "return (\(result))\(function.parameters[0].name);"
        }
        return "static inline \(result) \(name)(\(parameters)) { \(body) }"
    }
}
