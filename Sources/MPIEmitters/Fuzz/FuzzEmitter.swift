import MPIModel

/// Renders the fuzz program (`Tests/Fuzz/generated/<mpi>/fuzz.c`) from the model: one function
/// per bound MPI function that draws every argument from the pools of `templates/fuzz/fuzz.h`
/// by the parameter's type and kind (handles of its kind, integers, addresses, strings,
/// callbacks of its type), makes the call, keeps the handles it creates for later calls and
/// checks the return code. `main` calls them in an order the seed decides, checking the
/// host's guard regions after every batch. Run by `mpiwasm-sdk fuzz` on one rank.
public struct FuzzEmitter {
    /// Functions the fuzzer never calls, and why: on one rank they would wait forever for a
    /// call a random sequence may never make, or they end the run.
    public static let excluded: [String: String] = [
        "MPI_Init": "MPI starts once, before the calls", "MPI_Init_thread": "MPI starts once, before the calls",
        "MPI_Finalize": "ends MPI; called once after the calls", "MPI_Abort": "ends the job (runtime tests cover it)",
        "MPI_Send": blocks, "MPI_Ssend": blocks, "MPI_Rsend": blocks, "MPI_Bsend": blocks, "MPI_Recv": blocks,
        "MPI_Mrecv": blocks, "MPI_Sendrecv": blocks, "MPI_Sendrecv_replace": blocks, "MPI_Probe": blocks,
        "MPI_Mprobe": blocks, "MPI_Wait": blocks, "MPI_Waitall": blocks, "MPI_Waitany": blocks, "MPI_Waitsome": blocks,
        "MPI_Win_start": blocks, "MPI_Win_complete": blocks, "MPI_Win_wait": blocks,
        "MPI_Buffer_detach": "blocks until the buffered messages are delivered, which a random sequence may never receive",
        "MPI_Comm_disconnect": "blocks until the communicator's pending operations complete, which a random sequence may never do",
        "MPI_File_preallocate": "reserves disk space: a random size fills the disk",
    ]
    static let blocks = "blocks until a matching call that a random sequence may never make"

    public let bound: [String]

    public init(bound: [String]) { self.bound = bound }

    /// The functions the fuzz program calls.
    public func fuzzed(_ api: MPIAPI) -> [MPIFunction] {
        let bound = Set(bound)
        return api.functions.filter { bound.contains($0.name) && Self.excluded[$0.name] == nil && $0.returnsCode }
    }

    public func render(_ api: MPIAPI, support: String) -> [(name: String, text: String)] {
        let banner = generatedBanner(api) { "/* " + $0 + " */" }
        let functions = fuzzed(api)
        var text = banner
        text += """
            /* mpiwasm-run: wasm-only
             * Every bound function called with arguments drawn from fuzz.h's pools, in an order the
             * seed decides: `fuzz.wasm SEED CALLS [TRACE_FROM]`. Not called:
            \(Self.excluded.sorted { $0.key < $1.key }.map { " *   \($0.key): \($0.value)" }.joined(separator: "\n"))
             */
            #include "fuzz.h"


            """
        text += functions.map(Self.wrapper).joined(separator: "\n")
        text += "\nstatic void (*const fz_functions[])(void) = {\n"
        text += functions.map { "    fz_\($0.name),\n" }.joined()
        text += "};\n\n"
        text += """
            static void fz_guards(long batch) {
                int problems = fz_check_guards();
                if (problems) printf("fuzz: guard check after batch %ld: %d problems\\n", batch, problems);
                fz_bad += problems;
            }

            int main(int argc, char **argv) {
                uint64_t seed = argc > 1 ? strtoull(argv[1], 0, 10) : 1;
                long calls = argc > 2 ? atol(argv[2]) : 10000;
                fz_trace_from = argc > 3 ? atol(argv[3]) : -1;
                fz_state = seed * 0x9E3779B97F4A7C15ull + 1;
                MPI_Init(&argc, &argv);
                MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
                MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
                MPI_File_set_errhandler(MPI_FILE_NULL, MPI_ERRORS_RETURN);
                fz_setup_memory();
                fz_seed_pools();
                const long batch = 1000;
                for (fz_index = 0; fz_index < calls; fz_index++) {
                    if (fz_index % batch == 0) {
                        if (fz_index) fz_guards(fz_index / batch);
                        fz_refill_arena();
                        printf("fuzz: batch %ld from call %ld\\n", fz_index / batch + 1, fz_index);
                        fflush(stdout);
                    }
                    fz_functions[fz_below(sizeof fz_functions / sizeof fz_functions[0])]();
                }
                fz_guards(calls / batch + 1);
                printf("fuzz: seed %llu: %ld calls to %d functions, %ld succeeded, %ld failed with an error class, %ld bad\\n",
                       (unsigned long long)seed, calls, (int)(sizeof fz_functions / sizeof fz_functions[0]), fz_succeeded, fz_failed, fz_bad);
                printf("fuzz: classes:");
                for (int c = 0; c < 64; c++) if (fz_classes[c]) printf(" %d=%ld", c, fz_classes[c]);
                printf("\\n");
                fflush(stdout);
                /* MPI requires operations to be complete at MPI_Finalize (Open MPI 4.1 crashes on
                 * a pending MPI_Comm_idup): test every request the calls created once. */
                for (int i = 0; i < fz_request_count; i++) {
                    int done = 0;
                    MPI_Test(&fz_requests[i], &done, MPI_STATUS_IGNORE);
                }
                MPI_Finalize();
                return fz_bad != 0;
            }

            """
        return [("fuzz.h", banner + support), ("fuzz.c", text)]
    }

    /// `static void fz_MPI_X(void)`: draws the arguments, traces the call when asked, calls,
    /// keeps what it created and checks the code.
    static func wrapper(_ function: MPIFunction) -> String {
        var declarations: [String] = [], after: [String] = [], formats: [String] = [], traced: [String] = []
        var outputs: [String] = []
        for (index, parameter) in function.parameters.enumerated() {
            let name = "a\(index)", argument = Argument(parameter)
            if case .handleOut = argument { outputs.append(name) }
            if case .intOut = argument { outputs.append(name) }
            declarations += argument.declarations(name)
            after += argument.afterSuccess(name).map { "    if (rc == MPI_SUCCESS) \($0);" }
            switch argument {
            case .handleOut, .intOut:
                // The slot's value too: in-out calls read it.
                formats.append("%#llx{%d}")
                traced += ["(unsigned long long)(uintptr_t)\(name)", "\(name)_slot"]
            default:
                formats.append(argument.isPointer ? "%#llx" : "%lld")
                traced.append(argument.isPointer ? "(unsigned long long)(uintptr_t)\(name)" : "(long long)\(name)")
            }
        }
        let arguments = function.parameters.indices.map { "a\($0)" }.joined(separator: ", ")
        var body = "static void fz_\(function.name)(void) {\n"
        body += declarations.map { "    \($0)\n" }.joined()
        body += "    if (fz_tracing()) {\n"
        body += "        printf(\"call %ld: \(function.name)(\(formats.joined(separator: ", ")))\\n\", fz_index\(traced.map { ", " + $0 }.joined()));\n"
        body += "        fflush(stdout);\n    }\n"
        if function.returnType == .scalar("int") {
            body += "    int rc = \(function.name)(\(arguments));\n"
            if !outputs.isEmpty {
                body += "    if (fz_tracing()) printf(\"  = %d\(outputs.map { " \($0)=%d" }.joined())\\n\", rc\(outputs.map { ", \($0)_slot" }.joined()));\n"
            } else {
                body += "    if (fz_tracing()) printf(\"  = %d\\n\", rc);\n"
            }
            body += after.map { $0 + "\n" }.joined()
            body += "    fz_check(\"\(function.name)\", rc);\n"
        } else {
            body += "    (void)\(function.name)(\(arguments));\n    fz_succeeded++;\n"
        }
        return body + "}\n"
    }

    /// How one parameter's value is drawn.
    enum Argument {
        case handle(String)
        case handleOut(String, keep: Bool)
        case handleArray(String)
        case intOut(keep: Bool)
        case callback(String)
        case string
        case scalar(String)
        case address

        init(_ parameter: Parameter) {
            switch (parameter.kind, parameter.type) {
            case (.handle(.in)?, .handle(let kind)):
                self = .handle(kind.typeName)
            case (.handle(let direction)?, .pointer(.handle(let kind), _)):
                self = .handleOut(kind.typeName, keep: direction == .out)
            case (.array?, .array(.handle(let kind), _)):
                self = .handleArray(kind.typeName)
            case (.scalarRef(let direction)?, .pointer(.scalar("int"), _)) where direction != .in:
                self = .intOut(keep: direction == .out)
            case (.callback?, .pointer(.callback(let type), _)):
                self = .callback(type)
            case (.stringIn?, _):
                self = .string
            case (.scalar?, .scalar(let type)):
                self = .scalar(type)
            default:
                self = .address
            }
        }

        var isPointer: Bool {
            switch self {
            case .handle, .scalar: return false
            default: return true
            }
        }

        func declarations(_ name: String) -> [String] {
            switch self {
            case .handle(let kind): return ["\(kind) \(name) = (\(kind))fz_handle(FZ_\(kind));"]
            case .handleOut(let kind, _): return ["int \(name)_slot;", "void *\(name) = fz_slot(FZ_\(kind), &\(name)_slot);"]
            case .handleArray(let kind): return ["void *\(name) = fz_handles(FZ_\(kind));"]
            case .intOut: return ["int \(name)_slot;", "void *\(name) = fz_int_slot(&\(name)_slot);"]
            case .callback(let type): return ["\(type) *\(name) = fz_cb_\(type)();"]
            case .string: return ["const char *\(name) = fz_string();"]
            case .scalar(let type):
                switch type {
                case "MPI_Aint": return ["MPI_Aint \(name) = fz_aint();"]
                case "MPI_Offset", "MPI_Count": return ["\(type) \(name) = fz_i64();"]
                default: return ["\(type) \(name) = (\(type))fz_int();"]
                }
            case .address: return ["void *\(name) = fz_ptr();"]
            }
        }

        /// What to remember when the call succeeded: handles it created, integers it wrote.
        func afterSuccess(_ name: String) -> [String] {
            switch self {
            case .handleOut(let kind, true): return ["if (\(name) == &\(name)_slot) fz_keep(FZ_\(kind), \(name)_slot)"]
            case .intOut(true): return ["if (\(name) == &\(name)_slot) fz_keep_int(\(name)_slot)"]
            default: return []
            }
        }
    }
}

extension MPIFunction {
    /// Returns an MPI error code (`int`), or a value the fuzzer only discards (`MPI_Wtime`).
    var returnsCode: Bool { returnType == .scalar("int") || returnType == .scalar("double") }
}
