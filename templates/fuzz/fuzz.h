/* Support for the fuzz program (wasm only): a seeded generator, pools of arguments (handles
 * predefined, created, freed, forged and of other kinds; integers; addresses valid, unaligned,
 * overlapping, near and beyond the end of linear memory; strings; callbacks), the check of
 * every return code, and the host's guard check after each batch.
 *
 * Memory is laid out so that whatever the host writes where the program asked lands in memory
 * the program does not depend on: it is linked with the stack first and large
 * (-Wl,--stack-first -Wl,-z,stack-size=33554432, as `mpiwasm-sdk fuzz` builds it), so low
 * addresses and MPI_BOTTOM-relative ones are the unused bottom of the stack (a span of more
 * than 16 MiB from one of them can still overwrite the program, which then fails its run); the heap is warmed,
 * then an arena and a tail are grown at the end of memory, which grows to the runtime's
 * --max-memory limit, so "near the end of memory" is the tail; random words never fall between
 * the stack and the arena (the program's data and heap). */
#ifndef MPIWASM_FUZZ_H
#define MPIWASM_FUZZ_H
#include <mpi.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Served by `mpiwasm run --check-guards`: checks that host memory around linear memory and
 * canaries in the host's heap are untouched; returns the number of problems (and says which). */
__attribute__((import_module("mpiwasm"), import_name("check_guards"))) int fz_check_guards(void);

/* xorshift64*: the same seed gives the same calls. */
static uint64_t fz_state = 1;
static uint32_t fz_next(void) {
    fz_state ^= fz_state >> 12;
    fz_state ^= fz_state << 25;
    fz_state ^= fz_state >> 27;
    return (uint32_t)((fz_state * 2685821657736338717ull) >> 32);
}
static uint32_t fz_below(uint32_t n) { return n ? fz_next() % n : 0; }

/* ---- memory ---- */
#define FZ_PAGE 65536u
#define FZ_ARENA (4u << 20)
#define FZ_TAIL FZ_PAGE
static uint8_t *fz_arena;
static uint32_t fz_end;

/* A random word that, as an address, is not the program's stack in use, data or heap: from
 * 16 MiB up to the arena it is moved beyond 2 GiB. */
static uint32_t fz_word(void) {
    uint32_t v = fz_next();
    return v >= (16u << 20) && v < (uint32_t)(uintptr_t)fz_arena + FZ_PAGE ? v | 0x80000000u : v;
}
#define FZ_PICK(array) ((array)[fz_below(sizeof(array) / sizeof((array)[0]))])

static void fz_setup_memory(void) {
    /* The runtime allocates in the guest (attribute values, user-op scratch, MPI_Alloc_mem):
     * give the heap room before memory reaches its limit. */
    free(malloc(16u << 20));
    uint32_t first = (uint32_t)__builtin_wasm_memory_grow(0, (FZ_ARENA + FZ_PAGE) / FZ_PAGE);
    if (first == UINT32_MAX) { printf("fuzz: cannot grow memory for the arena\n"); exit(2); }
    fz_arena = (uint8_t *)(uintptr_t)(first * FZ_PAGE + FZ_PAGE);
    while (__builtin_wasm_memory_grow(0, 1) != (size_t)-1) {
        if (__builtin_wasm_memory_size(0) > 4096) {
            printf("fuzz: memory grows past 256 MiB: run with --max-memory 96M\n");
            exit(2);
        }
    }
    fz_end = (uint32_t)__builtin_wasm_memory_size(0) * FZ_PAGE;
    /* No NUL in the tail: a string there runs into the end of memory. */
    memset((void *)(uintptr_t)(fz_end - FZ_TAIL), 0xA5, FZ_TAIL);
}

/* Small values, as counts, ranks and displacements are when valid, and a random word in
 * sixteen; a quarter of the first half of the arena per batch (cheap on interpreters too). */
static void fz_refill_arena(void) {
    uint32_t *words = (uint32_t *)fz_arena + fz_below(4) * (FZ_ARENA / 32);
    uint32_t mix = fz_next();
    for (uint32_t i = 0; i < FZ_ARENA / 32; i++) words[i] = i % 16 == 0 ? fz_word() : ((i ^ mix) * 2654435761u) >> 30;
}

static uint32_t fz_last_address;
static const uint32_t fz_near_end[] = {0, 1, 2, 3, 4, 8, 12, 16, 24, 32, 64, 100, 4096, 65536};

static void *fz_ptr(void) {
    uint32_t r = fz_below(100), a;
    if (r < 50) a = (uint32_t)(uintptr_t)fz_arena + (fz_below(FZ_ARENA / 2) & ~7u);
    else if (r < 55) a = ((uint32_t)(uintptr_t)fz_arena + fz_below(FZ_ARENA / 2)) | 1u;
    else if (r < 60) a = 0;
    else if (r < 66) a = fz_last_address;
    else if (r < 84) a = fz_end - FZ_PICK(fz_near_end);
    else if (r < 94) {
        const uint32_t beyond[] = {fz_end, fz_end + 1, fz_end + 4096, fz_end + fz_below(1u << 30), 0xFFFFFFFFu, 0xFFFFFFF0u, 0x80000000u, 0xFFFF0000u};
        a = FZ_PICK(beyond);
    } else a = 1 + fz_below(1023);
    fz_last_address = a;
    return (void *)(uintptr_t)a;
}

/* ---- integers ---- */
static int fz_written[64];
static int fz_int(void) {
    uint32_t r = fz_below(100);
    if (r < 45) return (int)fz_below(8);
    if (r < 55) {
        const int special[] = {-1, -2, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_PROC_NULL, MPI_ROOT, MPI_UNDEFINED, -7};
        return FZ_PICK(special);
    }
    if (r < 65) return (int)fz_below(4096);
    if (r < 75) {
        const int huge[] = {INT_MAX, INT_MIN, INT_MAX / 2, 1 << 30, 0x10000, 65535, 1 << 20, -(1 << 30)};
        return FZ_PICK(huge);
    }
    if (r < 85) return (int)fz_word();
    if (r < 93) return FZ_PICK(fz_written);
    return (int)fz_below(0x400);
}
static void fz_keep_int(int value) { fz_written[fz_below(64)] = value; }

static int64_t fz_i64(void) {
    uint32_t r = fz_below(10);
    if (r < 6) return fz_int();
    const int64_t huge[] = {INT64_MAX, INT64_MIN, (int64_t)1 << 40, (int64_t)1 << 32, -((int64_t)1 << 40), (int64_t)UINT32_MAX};
    if (r < 9) return FZ_PICK(huge);
    return (int64_t)(((uint64_t)fz_next() << 32) | fz_word());
}

/* MPI_Aint: an integer, or an address (MPI_BOTTOM-relative displacements). */
static MPI_Aint fz_aint(void) { return fz_below(4) == 0 ? (MPI_Aint)(uintptr_t)fz_ptr() : (MPI_Aint)fz_int(); }

/* ---- handles ---- */
enum {
    FZ_MPI_Comm, FZ_MPI_Datatype, FZ_MPI_Op, FZ_MPI_Group, FZ_MPI_Errhandler, FZ_MPI_Info, FZ_MPI_Win,
    FZ_MPI_File, FZ_MPI_Request, FZ_MPI_Message, FZ_MPI_T_enum, FZ_MPI_T_cvar_handle,
    FZ_MPI_T_pvar_handle, FZ_MPI_T_pvar_session, FZ_KINDS
};
#define FZ_POOL 48
static int fz_pool[FZ_KINDS][FZ_POOL];
static int fz_pooled[FZ_KINDS];
static int fz_predefined[FZ_KINDS];

static void fz_add(int kind, int handle) {
    if (fz_pooled[kind] < FZ_POOL) fz_pool[kind][fz_pooled[kind]++] = handle;
    else fz_pool[kind][fz_predefined[kind] + fz_below(FZ_POOL - fz_predefined[kind])] = handle;
}

static void fz_seed_pools(void) {
    const int comm[] = {MPI_COMM_WORLD, MPI_COMM_SELF, MPI_COMM_NULL};
    const int type[] = {MPI_INT, MPI_DOUBLE, MPI_CHAR, MPI_BYTE, MPI_LONG_DOUBLE, MPI_2INT, MPI_DOUBLE_INT,
                        MPI_PACKED, MPI_C_DOUBLE_COMPLEX, MPI_INTEGER, MPI_UINT64_T, MPI_DATATYPE_NULL};
    const int op[] = {MPI_SUM, MPI_MAX, MPI_MAXLOC, MPI_REPLACE, MPI_NO_OP, MPI_BAND, MPI_LXOR, MPI_OP_NULL};
    const int group[] = {MPI_GROUP_EMPTY, MPI_GROUP_NULL};
    const int errhandler[] = {MPI_ERRORS_RETURN, MPI_ERRHANDLER_NULL};
    const int info[] = {MPI_INFO_NULL, MPI_INFO_ENV};
    const int *lists[FZ_KINDS] = {comm, type, op, group, errhandler, info};
    const int counts[FZ_KINDS] = {3, 12, 8, 2, 2, 2};
    for (int kind = 0; kind < FZ_KINDS; kind++)
        for (int i = 0; i < counts[kind]; i++) fz_add(kind, lists[kind][i]);
    fz_add(FZ_MPI_Win, MPI_WIN_NULL);
    fz_add(FZ_MPI_File, MPI_FILE_NULL);
    fz_add(FZ_MPI_Request, MPI_REQUEST_NULL);
    fz_add(FZ_MPI_Message, MPI_MESSAGE_NULL);
    fz_add(FZ_MPI_Message, MPI_MESSAGE_NO_PROC);
    fz_add(FZ_MPI_T_enum, MPI_T_ENUM_NULL);
    fz_add(FZ_MPI_T_cvar_handle, MPI_T_CVAR_HANDLE_NULL);
    fz_add(FZ_MPI_T_pvar_handle, MPI_T_PVAR_HANDLE_NULL);
    fz_add(FZ_MPI_T_pvar_handle, MPI_T_PVAR_ALL_HANDLES);
    fz_add(FZ_MPI_T_pvar_session, MPI_T_PVAR_SESSION_NULL);
    for (int kind = 0; kind < FZ_KINDS; kind++) fz_predefined[kind] = fz_pooled[kind];
}

/* Mostly a pooled handle (predefined, created, maybe freed since); else forged, a created one
 * with bits changed (the sign bit, its kind tag, its slot, its generation), or a small value
 * that is often a predefined handle of another kind. */
static int fz_handle(int kind) {
    uint32_t r = fz_below(100);
    if (r < 75) return fz_pool[kind][fz_below(fz_pooled[kind])];
    if (r < 85) {
        const int forged[] = {0x7ff0, -1, INT_MAX, 0x10000, 0x3fff, 2, INT_MIN, INT_MIN | 0x1000};
        return FZ_PICK(forged);
    }
    uint32_t pooled = (uint32_t)fz_pool[kind][fz_below(fz_pooled[kind])];
    if (r < 92 && pooled >= 0x1000) {
        /* Not predefined ones: their neighbours are predefined handles too (MPI_ERRORS_ARE_FATAL
         * would end the run). Of a window, only changes no live handle has: a window the calls
         * created without the pool knowing keeps MPI_ERRORS_ARE_FATAL. */
        const uint32_t flips[] = {0x80000000u, 1u, 0x1fu, 1u << 26, 1u << 27, 0x78000000u, 1u << 5};
        return (int)(pooled ^ flips[fz_below(kind == FZ_MPI_Win ? 4 : 7)]);
    }
    int small = (int)fz_below(0x400);
    /* Not an error handler that ends the job on the next error (set on MPI_FILE_NULL, say). */
    if (kind == FZ_MPI_Errhandler && (small == MPI_ERRORS_ARE_FATAL || small == MPI_ERRORS_ABORT)) return MPI_ERRORS_RETURN;
    return small;
}

/* Every request the calls created, tested once before MPI_Finalize. */
static MPI_Request fz_requests[8192];
static int fz_request_count;

/* A handle the host wrote: into the pool, unless it would end the job on the next error. */
static void fz_keep(int kind, int handle) {
    if (kind == FZ_MPI_Errhandler && (handle == MPI_ERRORS_ARE_FATAL || handle == MPI_ERRORS_ABORT)) return;
    if (kind == FZ_MPI_Request && fz_request_count < 8192) fz_requests[fz_request_count++] = handle;
    if (kind == FZ_MPI_Win) MPI_Win_set_errhandler(handle, MPI_ERRORS_RETURN); /* windows start fatal */
    fz_add(kind, handle);
}

/* Where an output handle goes: a slot holding a pooled handle (in-out calls read it), or an
 * adversarial address. */
static void *fz_slot(int kind, int *slot) {
    *slot = fz_handle(kind);
    return fz_below(100) < 85 ? (void *)slot : fz_ptr();
}
static void *fz_int_slot(int *slot) {
    *slot = fz_int();
    return fz_below(100) < 85 ? (void *)slot : fz_ptr();
}

/* An array of pooled handles in the arena, or an adversarial address. */
static void *fz_handles(int kind) {
    if (fz_below(100) >= 80) return fz_ptr();
    int *array = (int *)(fz_arena + FZ_ARENA - 4096 * (1 + fz_below(4)));
    for (int i = 0; i < 256; i++) array[i] = fz_handle(kind);
    return array;
}

/* ---- strings ---- */
static const char *fz_string(void) {
    static char long_name[600];
    if (!long_name[0]) memset(long_name, 'n', sizeof long_name - 1);
    const char *names[] = {
        "fz", "", "fuzz.dat", "/fuzz.dat", "dir/../fuzz.dat", "../../../../etc/passwd", "/etc/passwd",
        "/proc/self/mem", "native", "external32", "no_locks", "true", "-1", "key", long_name,
    };
    uint32_t r = fz_below(100);
    if (r < 70) return FZ_PICK(names);
    if (r < 85) return (const char *)(uintptr_t)(fz_end - 1 - fz_below(64)); /* no NUL before the end */
    return (const char *)fz_ptr();
}

/* ---- callbacks: null, the value 1 (MPI_*_DUP_FN in the ABI), or a function of the type ---- */
static void fz_user_fn(void *in, void *inout, int *len, MPI_Datatype *type) { (void)in, (void)inout, (void)len, (void)type; }
static int fz_comm_copy(MPI_Comm o, int k, void *e, void *in, void *out, int *flag) { (void)o, (void)k, (void)e, (void)in, (void)out; *flag = 0; return MPI_SUCCESS; }
static int fz_comm_delete(MPI_Comm o, int k, void *v, void *e) { (void)o, (void)k, (void)v, (void)e; return MPI_SUCCESS; }
static int fz_type_copy(MPI_Datatype o, int k, void *e, void *in, void *out, int *flag) { (void)o, (void)k, (void)e, (void)in, (void)out; *flag = 0; return MPI_SUCCESS; }
static int fz_type_delete(MPI_Datatype o, int k, void *v, void *e) { (void)o, (void)k, (void)v, (void)e; return MPI_SUCCESS; }
static int fz_win_copy(MPI_Win o, int k, void *e, void *in, void *out, int *flag) { (void)o, (void)k, (void)e, (void)in, (void)out; *flag = 0; return MPI_SUCCESS; }
static int fz_win_delete(MPI_Win o, int k, void *v, void *e) { (void)o, (void)k, (void)v, (void)e; return MPI_SUCCESS; }
static void fz_comm_errh(MPI_Comm *c, int *code, ...) { (void)c, (void)code; }
static void fz_win_errh(MPI_Win *w, int *code, ...) { (void)w, (void)code; }
static void fz_file_errh(MPI_File *f, int *code, ...) { (void)f, (void)code; }
static int fz_query(void *e, MPI_Status *s) { (void)e; MPI_Status_set_cancelled(s, 0); return MPI_SUCCESS; }
static int fz_free(void *e) { (void)e; return MPI_SUCCESS; }
static int fz_cancel(void *e, int done) { (void)e, (void)done; return MPI_SUCCESS; }
static int fz_conversion(void *b, MPI_Datatype t, int n, void *f, MPI_Offset p, void *e) { (void)b, (void)t, (void)n, (void)f, (void)p, (void)e; return MPI_SUCCESS; }
static int fz_extent(MPI_Datatype t, MPI_Aint *x, void *e) { (void)t, (void)e; *x = 1; return MPI_SUCCESS; }

#define FZ_CALLBACK(type, function) \
    static type *fz_cb_##type(void) { uint32_t r = fz_below(10); return r < 2 ? (type *)0 : r < 4 ? (type *)1 : function; }
FZ_CALLBACK(MPI_User_function, fz_user_fn)
FZ_CALLBACK(MPI_Comm_copy_attr_function, fz_comm_copy)
FZ_CALLBACK(MPI_Comm_delete_attr_function, fz_comm_delete)
FZ_CALLBACK(MPI_Copy_function, fz_comm_copy)
FZ_CALLBACK(MPI_Delete_function, fz_comm_delete)
FZ_CALLBACK(MPI_Type_copy_attr_function, fz_type_copy)
FZ_CALLBACK(MPI_Type_delete_attr_function, fz_type_delete)
FZ_CALLBACK(MPI_Win_copy_attr_function, fz_win_copy)
FZ_CALLBACK(MPI_Win_delete_attr_function, fz_win_delete)
FZ_CALLBACK(MPI_Comm_errhandler_function, fz_comm_errh)
FZ_CALLBACK(MPI_Win_errhandler_function, fz_win_errh)
FZ_CALLBACK(MPI_File_errhandler_function, fz_file_errh)
FZ_CALLBACK(MPI_Grequest_query_function, fz_query)
FZ_CALLBACK(MPI_Grequest_free_function, fz_free)
FZ_CALLBACK(MPI_Grequest_cancel_function, fz_cancel)
FZ_CALLBACK(MPI_Datarep_conversion_function, fz_conversion)
FZ_CALLBACK(MPI_Datarep_extent_function, fz_extent)

/* ---- the run ---- */
static long fz_index, fz_trace_from = -1, fz_succeeded, fz_failed, fz_bad;
static long fz_classes[64];

/* Every call returns MPI_SUCCESS or a code MPI_Error_class knows. */
static void fz_check(const char *name, int rc) {
    if (rc == MPI_SUCCESS) { fz_succeeded++; return; }
    int cls = -1;
    if (MPI_Error_class(rc, &cls) != MPI_SUCCESS || cls < 0) {
        fz_bad++;
        printf("fuzz: call %ld: %s returned %d, which is not an MPI error code\n", fz_index, name, rc);
        fflush(stdout);
        return;
    }
    fz_failed++;
    fz_classes[cls < 63 ? cls : 63]++;
}

static int fz_tracing(void) { return fz_trace_from >= 0 && fz_index >= fz_trace_from; }
#endif
