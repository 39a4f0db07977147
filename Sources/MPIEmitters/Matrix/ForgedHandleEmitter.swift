import MPIModel

/// Generates `forged_handles.c` for the matrix, from the model: every bound function called
/// with one handle argument forged (never created), of another kind, or freed, every other
/// argument valid. Each call must fail with the class of the handle's kind before the host
/// sees it. Wasm only (natively handles are pointers: forging one crashes), so the program
/// checks itself instead of being compared with a native build.
struct ForgedHandleEmitter {
    /// The kinds probed, and a predefined handle of another kind to pass as a wrong-kind value.
    static let wrongKind = [
        "MPI_Comm": "MPI_INT", "MPI_Datatype": "MPI_COMM_WORLD", "MPI_Op": "MPI_INT", "MPI_Group": "MPI_COMM_WORLD",
        "MPI_Win": "MPI_COMM_WORLD", "MPI_File": "MPI_COMM_WORLD", "MPI_Info": "MPI_COMM_WORLD",
    ]
    /// Kinds with a freed handle made at start (`freed_<kind>`).
    static let freed: Set<String> = ["MPI_Comm", "MPI_Datatype", "MPI_Group"]

    let sweep: ErrorSweepEmitter

    func render(_ api: MPIAPI, banner: String) -> String {
        var functions: [(name: String, body: String)] = []
        for function in api.functions where sweep.bound.contains(function.name) && sweep.exclusion(function) == nil {
            let valid = function.parameters.enumerated().map { sweep.defaultArgument($1, index: $0, in: function) }
            var calls = ""
            for (index, parameter) in function.parameters.enumerated() {
                guard let kind = parameter.inputHandleType, let wrongKind = Self.wrongKind[kind] else { continue }
                // Handles before this one must be valid: those without a valid value (windows,
                // files) would be refused first.
                if function.parameters.prefix(index).contains(where: ErrorSweepEmitter.lacksValidHandle) { continue }
                var values = ["(\(kind))0x7ff0": "forged", "(\(kind))\(wrongKind)": "of another kind"]
                if Self.freed.contains(kind) { values["freed_\(kind)"] = "freed" }
                for (value, what) in values.sorted(by: { $0.value < $1.value }) {
                    var arguments = valid
                    arguments[index] = value
                    calls += "    memset(mw_scratch, 0, sizeof mw_scratch);\n"
                    calls += "    expect(\"\(function.name) \(parameter.name) \(what)\", \(function.name)(\(arguments.joined(separator: ", "))), \(HandleKind(kind).errorClass));\n"
                }
            }
            if !calls.isEmpty { functions.append(("forge_\(function.name)", "static void forge_\(function.name)(void) {\n\(calls)}\n")) }
        }
        var text = banner
        text += """
            /* mpiwasm-run: wasm-only
             * Handles forged, freed or of another kind: each call must fail with the class of the
             * handle's kind before the host sees it, and the process must live. */
            #include "matrix.h"
            #include "matrix_model.h"

            static MPI_Comm freed_MPI_Comm;
            static MPI_Datatype freed_MPI_Datatype;
            static MPI_Group freed_MPI_Group;

            static void expect(const char *call, int rc, int expected) {
                int cls = MPI_SUCCESS;
                if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
                mw_case(call, cls == expected, mw_class_name(cls));
            }


            """
        text += functions.map(\.body).joined(separator: "\n")
        text += """

            int main(int argc, char **argv) {
                mw_begin(&argc, &argv);
                MPI_Comm_dup(MPI_COMM_WORLD, &freed_MPI_Comm);
                MPI_Comm copy = freed_MPI_Comm;
                MPI_Comm_free(&copy);
                MPI_Type_contiguous(2, MPI_INT, &freed_MPI_Datatype);
                MPI_Datatype type = freed_MPI_Datatype;
                MPI_Type_free(&type);
                MPI_Comm_group(MPI_COMM_WORLD, &freed_MPI_Group);
                MPI_Group group = freed_MPI_Group;
                MPI_Group_free(&group);
                /* Predefined handles cannot be freed. */
                MPI_Comm world = MPI_COMM_WORLD;
                expect("MPI_Comm_free MPI_COMM_WORLD", MPI_Comm_free(&world), MPI_ERR_COMM);
                MPI_Datatype integer = MPI_INT;
                expect("MPI_Type_free MPI_INT", MPI_Type_free(&integer), MPI_ERR_TYPE);
                MPI_Op sum = MPI_SUM;
                expect("MPI_Op_free MPI_SUM", MPI_Op_free(&sum), MPI_ERR_OP);

            """
        text += functions.map { "    \($0.name)();\n" }.joined()
        text += "    return mw_end();\n}\n"
        return text
    }
}
