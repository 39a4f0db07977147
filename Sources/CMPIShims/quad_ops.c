// Reductions on the guest's long double. On wasm32 long double is IEEE binary128; on x86-64 the
// host's MPI_LONG_DOUBLE is x87 extended precision in the same 16 bytes, so the host's
// predefined ops would read guest values in the wrong format. These user ops do binary128
// arithmetic instead (__float128, soft-float as the guest's own long double is).
#include <float.h>
#include <mpi.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

int mpiwasm_quad_ops_needed(void) { return LDBL_MANT_DIG != 113; }

#if defined(__SIZEOF_FLOAT128__)
typedef __float128 quad;
typedef struct { quad v; int k; } quad_int;

// Guest buffers need not be 16-byte aligned (linear memory is the guest's to lay out), and an
// aligned SSE access to an unaligned __float128 faults: every element is copied in and out.
#define OP(name, type, body)                                                         \
    static void name(void *in, void *inout, int *len, MPI_Datatype *datatype) {     \
        (void)datatype;                                                              \
        for (int i = 0; i < *len; i++) {                                             \
            type a, b;                                                               \
            memcpy(&a, (char *)in + i * sizeof(type), sizeof a);                     \
            memcpy(&b, (char *)inout + i * sizeof(type), sizeof b);                  \
            body;                                                                    \
            memcpy((char *)inout + i * sizeof(type), &b, sizeof b);                  \
        }                                                                            \
    }

typedef struct { quad re, im; } quad_complex;

OP(quad_sum, quad, b = a + b)
OP(quad_prod, quad, b = a * b)
OP(quad_max, quad, if (a > b) b = a)
OP(quad_min, quad, if (a < b) b = a)
OP(complex_sum, quad_complex, b.re = a.re + b.re; b.im = a.im + b.im)
OP(complex_prod, quad_complex,
   quad re = a.re * b.re - a.im * b.im;
   quad im = a.re * b.im + a.im * b.re;
   b.re = re; b.im = im)

// Fields one by one: the host's temporaries for a (value, int) pair may end right after the
// int (true extent 20 of 32), so the whole struct is neither read nor written.
#define PAIR(name, better)                                                           \
    static void name(void *in, void *inout, int *len, MPI_Datatype *datatype) {     \
        (void)datatype;                                                              \
        for (int i = 0; i < *len; i++) {                                             \
            char *pa = (char *)in + i * sizeof(quad_int), *pb = (char *)inout + i * sizeof(quad_int); \
            quad av, bv;                                                             \
            int ak, bk;                                                              \
            memcpy(&av, pa, sizeof av); memcpy(&ak, pa + offsetof(quad_int, k), sizeof ak); \
            memcpy(&bv, pb, sizeof bv); memcpy(&bk, pb + offsetof(quad_int, k), sizeof bk); \
            if (better || (av == bv && ak < bk)) { memcpy(pb, &av, sizeof av); memcpy(pb + offsetof(quad_int, k), &ak, sizeof ak); } \
        }                                                                            \
    }

PAIR(pair_maxloc, av > bv)
PAIR(pair_minloc, av < bv)

// [class: real, complex, pair][op: SUM, PROD, MAX, MIN, MAXLOC, MINLOC]
static MPI_User_function *const functions[3][6] = {
    {quad_sum, quad_prod, quad_max, quad_min, 0, 0},
    {complex_sum, complex_prod, 0, 0, 0, 0},
    {0, 0, 0, 0, pair_maxloc, pair_minloc},
};
static MPI_Op created[3][6];

uint64_t mpiwasm_quad_op(int type_class, int op) {
    if (type_class < 0 || type_class > 2 || op < 0 || op > 5) return 0;
    MPI_User_function *function = functions[type_class][op];
    if (!function) return 0;  // not defined on the type: the host's op reports it
    if (!created[type_class][op] && MPI_Op_create(function, 1, &created[type_class][op]) != MPI_SUCCESS) return UINT64_MAX;
    return BITS(created[type_class][op]);
}
#else
uint64_t mpiwasm_quad_op(int type_class, int op) { (void)type_class; (void)op; return UINT64_MAX; }
#endif
