/* Support for the validation-matrix programs: start and end, one line per case agreed by every
 * rank, the digest, and the values each datatype class is filled with and compared by.
 * The same source builds natively (mpicc) and as wasm; what rank 0 prints must be identical. */
#ifndef MPIWASM_MATRIX_H
#define MPIWASM_MATRIX_H
#include <mpi.h>
#include <complex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static int mw_rank, mw_size, mw_cases, mw_failed;
/* Scratch memory for arguments the call under test only needs to be valid. */
static _Alignas(64) unsigned char mw_scratch[16][4096];
/* The host MPI's MPI_Get_library_version text: a wasm build asks the host it runs on. */
static char mw_host[MPI_MAX_LIBRARY_VERSION_STRING];

static void mw_begin(int *argc, char ***argv) {
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &mw_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &mw_size);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
    int length = 0;
    MPI_Get_library_version(mw_host, &length);
}

/* Calls a host MPI crashes on natively (its defects, not the sandbox's): the case is skipped
 * on that host, natively and as wasm alike, and prints nothing. Each names the host and the
 * case's call with the argument that triggers it. */
static const struct { const char *host, *call; } mw_host_defects[] = {
    /* MPICH 4.0.2 divides by zero in MPI_Get_elements of MPI_FLOAT_INT (SIGFPE). */
    {"MPICH", "MPI_Get_elements MPI_FLOAT_INT"},
    /* MPICH 4.0.2 aborts, crashes or answers MPI_SUCCESS on these (a negative count, which the
     * runtime refuses with MPI_ERR_COUNT; a null receive type of a neighbourhood alltoallv). */
    {"MPICH", "MPI_Allreduce count=-1"},
    {"MPICH", "MPI_Exscan count=-1"},
    {"MPICH", "MPI_Reduce_local count=-1"},
    {"MPICH", "MPI_Reduce_scatter_block recvcount=-1"},
    {"MPICH", "MPI_Scan count=-1"},
    {"MPICH", "MPI_Iallreduce count=-1"},
    {"MPICH", "MPI_Iexscan count=-1"},
    {"MPICH", "MPI_Ireduce_scatter_block recvcount=-1"},
    {"MPICH", "MPI_Iscan count=-1"},
    {"MPICH", "MPI_Ineighbor_alltoallv recvtype=MPI_DATATYPE_NULL"},
    {"MPICH", "MPI_Neighbor_alltoallv recvtype=MPI_DATATYPE_NULL"},
    /* Open MPI 4.1 does not check the send count of neighbourhood allgathers (MPI_SUCCESS,
     * MPI_ERR_ARG or MPI_ERR_TOPOLOGY); the runtime refuses a negative one with MPI_ERR_COUNT. */
    {"Open MPI", "MPI_Ineighbor_allgather sendcount=-1"},
    {"Open MPI", "MPI_Ineighbor_allgatherv sendcount=-1"},
    {"Open MPI", "MPI_Neighbor_allgather sendcount=-1"},
    {"Open MPI", "MPI_Neighbor_allgatherv sendcount=-1"},
    /* MPICH 4.0.2's status of a completed receive from MPI_PROC_NULL, through MPI_Test, has
     * source 0 and tag 0 (MPI_Recv's is right). */
    {"MPICH", "MPI_Irecv MPI_Test MPI_PROC_NULL"},
    /* Debian's MPICH 4.0.2 (ch4:ucx) cannot open ports: MPI_Open_port fails, and
     * MPI_Close_port of the unopened port then crashes. */
    {"MPICH", "MPI_Open_port"},
    /* Its ROMIO returns MPI_SUCCESS (MPI_ERR_ARG for sync) for these on MPI_FILE_NULL; the
     * runtime refuses the null handle with MPI_ERR_FILE, as MPI says. */
    {"MPICH", "MPI_File_call_errhandler fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_get_atomicity fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_get_byte_offset fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_get_position fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_get_view fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_sync fh=MPI_FILE_NULL"},
    {"MPICH", "MPI_File_write_ordered_end fh=MPI_FILE_NULL"},
};

static int mw_host_defect(const char *call) {
    for (size_t k = 0; k < sizeof mw_host_defects / sizeof mw_host_defects[0]; k++) {
        if (strstr(mw_host, mw_host_defects[k].host) == mw_host && strcmp(call, mw_host_defects[k].call) == 0) return 1;
    }
    return 0;
}

/* Whether this host's MPI has the predefined datatype: MPICH defines optional types it lacks
 * as MPI_DATATYPE_NULL, and the runtime refuses a guest type its host has no match for. Cases
 * of an unusable type print nothing, natively and as wasm alike. */
static int mw_usable(MPI_Datatype type) {
    int size = 0;
    return type != MPI_DATATYPE_NULL && MPI_Type_size(type, &size) == MPI_SUCCESS && size > 0;
}

/* One case: passed only if it passed on every rank; rank 0 prints the outcome. A rank that
 * failed prints why first (the native build prints nothing of the kind). */
static void mw_case(const char *name, int passed, const char *detail) {
    if (!passed) printf("rank %d: %s: %s\n", mw_rank, name, detail ? detail : "wrong result");
    int all = 0;
    MPI_Allreduce(&passed, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    mw_cases++;
    if (!all) mw_failed++;
    if (mw_rank == 0) printf("%s: %s\n", name, all ? "ok" : "FAILED");
    fflush(stdout);
}

static int mw_end(void) {
    if (mw_rank == 0) printf("matrix: %d cases on %d ranks, %d failed\n", mw_cases, mw_size, mw_failed);
    fflush(stdout);
    MPI_Finalize();
    return mw_failed != 0;
}

/* A value every rank must agree on (counts, flags, sizes); rank 0 prints it. */
static void mw_value(const char *name, long long value) {
    long long low = 0, high = 0;
    MPI_Allreduce(&value, &low, 1, MPI_LONG_LONG, MPI_MIN, MPI_COMM_WORLD);
    MPI_Allreduce(&value, &high, 1, MPI_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    mw_cases++;
    if (mw_rank == 0) printf("%s: %lld%s\n", name, value, low == high ? "" : " (ranks disagree)");
    fflush(stdout);
}

/* The value element i of rank r holds: small, so sums and products over four ranks stay exact
 * in every type (int8 included). Each class sets and compares its own way. */
#define MW_SEED(r, i) ((int)(((r) + (i)) % 3) + 1)
/* Data that only moves: distinct per rank and position, still exact in every type. */
#define MW_DATA(r, i) ((int)(((r) * 7 + (i) * 3) % 50) + 1)

/* Fills n elements from buf[off] with rank r's data; checks them (clears `ok` on a mismatch). */
#define MW_FILL(T, CLS, buf, off, n, r) \
    for (int i_ = 0; i_ < (n); i_++) MW_SET_##CLS(T, &(buf)[(off) + i_], MW_DATA(r, i_))
#define MW_CHECK(T, CLS, buf, off, n, r)                                    \
    for (int i_ = 0; i_ < (n); i_++) {                                     \
        T want_;                                                           \
        MW_SET_##CLS(T, &want_, MW_DATA(r, i_));                           \
        if (!MW_EQ_##CLS((buf)[(off) + i_], want_)) ok = 0;                \
    }

#define MW_SET_INTEGER(T, p, s) (*(p) = (T)(s))
#define MW_SET_FLOAT(T, p, s) (*(p) = (T)(s) * (T)0.5)
#define MW_SET_COMPLEX(T, p, s) (*(p) = (T)(s) + (T)((s) % 2) * (T)I)
#define MW_SET_LOGICAL(T, p, s) (*(p) = (T)((s) % 2))
#define MW_SET_BYTE(T, p, s) (*(p) = (T)((s) + 64))
#define MW_SET_PAIR(T, p, s) ((p)->v = (s), (p)->k = (s) % 2 + 7)

#define MW_EQ_INTEGER(a, b) ((a) == (b))
#define MW_EQ_FLOAT(a, b) ((a) == (b))
#define MW_EQ_COMPLEX(a, b) ((a) == (b))
#define MW_EQ_LOGICAL(a, b) ((!(a)) == (!(b)))
#define MW_EQ_BYTE(a, b) ((a) == (b))
#define MW_EQ_PAIR(a, b) ((a).v == (b).v && (a).k == (b).k)

/* Pair types of MINLOC/MAXLOC: the value, then the index. */
typedef struct { float v; int k; } mw_float_int;
typedef struct { double v; int k; } mw_double_int;
typedef struct { long v; int k; } mw_long_int;
typedef struct { int v; int k; } mw_2int;
typedef struct { short v; int k; } mw_short_int;
typedef struct { long double v; int k; } mw_long_double_int;
typedef struct { int v; int k; } mw_2integer;
typedef struct { float v; float k; } mw_2real;
typedef struct { double v; double k; } mw_2double_precision;
/* Fortran REAL*16 is IEEE binary128: long double on wasm32, __float128 natively on x86-64. */
#if defined(__wasm__) || !defined(__x86_64__)
typedef long double mw_quad;
typedef long double _Complex mw_quad_complex;
#else
typedef __float128 mw_quad;
typedef _Complex float __attribute__((mode(TC))) mw_quad_complex;
#endif

/* Reduction semantics, written out for the expected values. */
#define MW_OP_SUM(a, b) ((a) + (b))
#define MW_OP_PROD(a, b) ((a) * (b))
#define MW_OP_MAX(a, b) ((a) > (b) ? (a) : (b))
#define MW_OP_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MW_OP_LAND(a, b) ((a) && (b))
#define MW_OP_LOR(a, b) ((a) || (b))
#define MW_OP_LXOR(a, b) ((!(a)) != (!(b)))
#define MW_OP_BAND(a, b) ((a) & (b))
#define MW_OP_BOR(a, b) ((a) | (b))
#define MW_OP_BXOR(a, b) ((a) ^ (b))
#define MW_OP_MAXLOC(a, b) ((a).v > (b).v || ((a).v == (b).v && (a).k < (b).k) ? (a) : (b))
#define MW_OP_MINLOC(a, b) ((a).v < (b).v || ((a).v == (b).v && (a).k < (b).k) ? (a) : (b))

/* The error class of a return code, by name (classes differ in value between hosts and the ABI). */
static const char *mw_class_name(int code);
static const char *mw_error(int code) {
    int cls = code;
    if (code != MPI_SUCCESS) MPI_Error_class(code, &cls);
    return mw_class_name(cls);
}

/* The return code of a probe skipped for a host defect (no MPI code is negative). */
#define MW_SKIPPED (-1000000)

/* One call of the error sweep: the class it returned, which every rank must agree on. */
static void mw_probe(const char *call, int rc) {
    if (rc == MW_SKIPPED) return;
    int cls = MPI_SUCCESS, low = 0, high = 0;
    if (rc != MPI_SUCCESS) MPI_Error_class(rc, &cls);
    MPI_Allreduce(&cls, &low, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    MPI_Allreduce(&cls, &high, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    mw_cases++;
    if (mw_rank == 0) printf("%s: %s%s\n", call, mw_class_name(cls), low == high ? "" : " (ranks disagree)");
    fflush(stdout);
}
#endif
