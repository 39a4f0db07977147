// Reductions on the guest's long double. On wasm32 long double is IEEE binary128; on x86-64 the
// host's MPI_LONG_DOUBLE is x87 extended precision in the same 16 bytes, so the host's
// predefined ops would read guest values in the wrong format. These user ops do binary128
// arithmetic instead (__float128, soft-float as the guest's own long double is).
#include <float.h>
#include <mpi.h>
#include <stdint.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

int mpiwasm_quad_ops_needed(void) { return LDBL_MANT_DIG != 113; }

#if defined(__SIZEOF_FLOAT128__)
typedef __float128 quad;
typedef struct { quad v; int k; } quad_int;

#define OP(name, type, body)                                                         \
    static void name(void *in, void *inout, int *len, MPI_Datatype *datatype) {     \
        (void)datatype;                                                              \
        type *a = (type *)in, *b = (type *)inout;                                    \
        for (int i = 0; i < *len; i++) { body; }                                     \
    }

OP(quad_sum, quad, b[i] = a[i] + b[i])
OP(quad_prod, quad, b[i] = a[i] * b[i])
OP(quad_max, quad, if (a[i] > b[i]) b[i] = a[i])
OP(quad_min, quad, if (a[i] < b[i]) b[i] = a[i])
OP(complex_sum, quad, b[2 * i] = a[2 * i] + b[2 * i]; b[2 * i + 1] = a[2 * i + 1] + b[2 * i + 1])
OP(complex_prod, quad,
   quad re = a[2 * i] * b[2 * i] - a[2 * i + 1] * b[2 * i + 1];
   quad im = a[2 * i] * b[2 * i + 1] + a[2 * i + 1] * b[2 * i];
   b[2 * i] = re; b[2 * i + 1] = im)
// Fields one by one: the host's temporaries for a (value, int) pair may end right after the
// int (true extent 20 of 32), so copying the whole struct would write past them.
OP(pair_maxloc, quad_int, if (a[i].v > b[i].v || (a[i].v == b[i].v && a[i].k < b[i].k)) { b[i].v = a[i].v; b[i].k = a[i].k; })
OP(pair_minloc, quad_int, if (a[i].v < b[i].v || (a[i].v == b[i].v && a[i].k < b[i].k)) { b[i].v = a[i].v; b[i].k = a[i].k; })

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
