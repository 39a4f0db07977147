/* Reductions: every predefined op on every datatype the standard defines it for (MPI 4.1,
 * 6.9.2), through MPI_Reduce, MPI_Allreduce (also in place), MPI_Reduce_local, MPI_Scan,
 * MPI_Exscan, MPI_Reduce_scatter_block, MPI_Reduce_scatter and their nonblocking forms; then
 * user-defined ops, commutative and not. Expected values are folded here, rank by rank. */
#include "matrix.h"
#include "matrix_model.h"

#define N 4
#define MAX 64

/* Rank r's element i: small values (1..3; 0/1 for logicals); pairs carry the rank as index. */
#define RSET_INTEGER(T, p, r, i) MW_SET_INTEGER(T, p, MW_SEED(r, i))
#define RSET_FLOAT(T, p, r, i) MW_SET_FLOAT(T, p, MW_SEED(r, i))
#define RSET_COMPLEX(T, p, r, i) MW_SET_COMPLEX(T, p, MW_SEED(r, i))
#define RSET_LOGICAL(T, p, r, i) MW_SET_LOGICAL(T, p, MW_SEED(r, i))
#define RSET_BYTE(T, p, r, i) (*(p) = (T)(MW_SEED(r, i) * 5 + (r)))
#define RSET_PAIR(T, p, r, i) ((p)->v = MW_SEED(r, i), (p)->k = (r))

typedef struct {
    const char *name;
    MPI_Datatype datatype;
    MPI_Op op;
    size_t size;
    void (*value)(void *element, int r, int i);
    /* The reduction over ranks first..last-1 of element i. */
    void (*fold)(void *element, int first, int last, int i);
    int (*equal)(const void *a, const void *b);
} reduction;

//@each reduction
static void value_@OPID@_@ID@(void *e, int r, int i) { RSET_@CLS@(@T@, (@T@ *)e, r, i); }
static void fold_@OPID@_@ID@(void *e, int first, int last, int i) {
    @T@ acc, x;
    RSET_@CLS@(@T@, &acc, first, i);
    for (int r = first + 1; r < last; r++) {
        RSET_@CLS@(@T@, &x, r, i);
        acc = MW_OP_@OPID@(acc, x);
    }
    *(@T@ *)e = acc;
}
static int equal_@OPID@_@ID@(const void *a, const void *b) { return MW_EQ_@CLS@(*(const @T@ *)a, *(const @T@ *)b); }
//@end

static const reduction reductions[] = {
//@each reduction
    {"@OP@ @MPI@", @MPI@, @OP@, sizeof(@T@), value_@OPID@_@ID@, fold_@OPID@_@ID@, equal_@OPID@_@ID@},
//@end
};

static _Alignas(64) unsigned char in[MAX * 32], out[MAX * 32], want[32];
static char name[200];

#define AT(buffer, i) ((buffer) + (size_t)(i) * red->size)

/* Fills `in` with this rank's elements 0..n-1. */
static void contribute(const reduction *red, int n) {
    memset(in, 0, sizeof in);
    for (int i = 0; i < n; i++) red->value(AT(in, i), mw_rank, i);
}

/* Compares out[i] with the fold over ranks first..last-1 of element base + i. */
static int matches(const reduction *red, int n, int base, int first, int last) {
    int ok = 1;
    for (int i = 0; i < n; i++) {
        red->fold(want, first, last, base + i);
        if (!red->equal(AT(out, i), want)) ok = 0;
    }
    return ok;
}

static void run(const reduction *red) {
    MPI_Request request;
    int ok, root = mw_size - 1;

    ok = 1;
    for (int form = 0; form < 2; form++) {
        contribute(red, N);
        memset(out, 0, sizeof out);
        if (form == 0 && MPI_Reduce(in, out, N, red->datatype, red->op, root, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 1) {
            MPI_Ireduce(in, out, N, red->datatype, red->op, 0, MPI_COMM_WORLD, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        }
        if (mw_rank == (form == 0 ? root : 0)) ok = ok && matches(red, N, 0, 0, mw_size);
    }
    snprintf(name, sizeof name, "MPI_Reduce MPI_Ireduce %s", red->name);
    mw_case(name, ok, NULL);

    ok = 1;
    for (int form = 0; form < 3; form++) {
        contribute(red, N);
        memset(out, 0, sizeof out);
        if (form == 0 && MPI_Allreduce(in, out, N, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 1) {
            MPI_Iallreduce(in, out, N, red->datatype, red->op, MPI_COMM_WORLD, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        }
        if (form == 2) {
            memcpy(out, in, N * red->size);
            if (MPI_Allreduce(MPI_IN_PLACE, out, N, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        }
        ok = ok && matches(red, N, 0, 0, mw_size);
    }
    snprintf(name, sizeof name, "MPI_Allreduce MPI_Iallreduce MPI_IN_PLACE %s", red->name);
    mw_case(name, ok, NULL);

    /* Reduce_local: out = in op out, with in from rank 0's elements and out from rank 1's. */
    memset(in, 0, sizeof in);
    memset(out, 0, sizeof out);
    for (int i = 0; i < N; i++) { red->value(AT(in, i), 0, i); red->value(AT(out, i), 1, i); }
    ok = MPI_Reduce_local(in, out, N, red->datatype, red->op) == MPI_SUCCESS && matches(red, N, 0, 0, 2);
    snprintf(name, sizeof name, "MPI_Reduce_local %s", red->name);
    mw_case(name, ok, NULL);

    ok = 1;
    for (int form = 0; form < 4; form++) {
        contribute(red, N);
        memset(out, 0, sizeof out);
        if (form == 0 && MPI_Scan(in, out, N, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 1) MPI_Iscan(in, out, N, red->datatype, red->op, MPI_COMM_WORLD, &request);
        if (form == 2 && MPI_Exscan(in, out, N, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 3) MPI_Iexscan(in, out, N, red->datatype, red->op, MPI_COMM_WORLD, &request);
        if (form % 2) MPI_Wait(&request, MPI_STATUS_IGNORE);
        if (form < 2) ok = ok && matches(red, N, 0, 0, mw_rank + 1);
        else if (mw_rank > 0) ok = ok && matches(red, N, 0, 0, mw_rank);
    }
    snprintf(name, sizeof name, "MPI_Scan MPI_Iscan MPI_Exscan MPI_Iexscan %s", red->name);
    mw_case(name, ok, NULL);

    /* Reduce-scatter: block j (2 elements; j % 3 + 1 in the vector form) goes to rank j. */
    ok = 1;
    int counts[8], offset = 0, total = 0;
    for (int j = 0; j < mw_size; j++) total += counts[j] = j % 3 + 1;
    for (int j = 0; j < mw_rank; j++) offset += counts[j];
    for (int form = 0; form < 4; form++) {
        contribute(red, form < 2 ? 2 * mw_size : total);
        memset(out, 0, sizeof out);
        if (form == 0 && MPI_Reduce_scatter_block(in, out, 2, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 1) MPI_Ireduce_scatter_block(in, out, 2, red->datatype, red->op, MPI_COMM_WORLD, &request);
        if (form == 2 && MPI_Reduce_scatter(in, out, counts, red->datatype, red->op, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        if (form == 3) MPI_Ireduce_scatter(in, out, counts, red->datatype, red->op, MPI_COMM_WORLD, &request);
        if (form % 2) MPI_Wait(&request, MPI_STATUS_IGNORE);
        ok = ok && (form < 2 ? matches(red, 2, 2 * mw_rank, 0, mw_size) : matches(red, counts[mw_rank], offset, 0, mw_size));
    }
    snprintf(name, sizeof name, "MPI_Reduce_scatter_block MPI_Ireduce_scatter_block MPI_Reduce_scatter MPI_Ireduce_scatter %s", red->name);
    mw_case(name, ok, NULL);
}

/* A non-commutative user op: affine maps x -> m x + c, composed in rank order. */
typedef struct { int m, c; } affine;
static void compose(void *invec, void *inoutvec, int *len, MPI_Datatype *datatype) {
    (void)datatype;
    affine *a = (affine *)invec, *b = (affine *)inoutvec;
    for (int i = 0; i < *len; i++) b[i] = (affine){b[i].m * a[i].m, b[i].m * a[i].c + b[i].c};
}
static void add_ints(void *invec, void *inoutvec, int *len, MPI_Datatype *datatype) {
    (void)datatype;
    for (int i = 0; i < *len; i++) ((int *)inoutvec)[i] += ((int *)invec)[i];
}
static affine map_of(int r, int i) { return (affine){r % 2 + 2, r + i}; }
static affine composed(int first, int last, int i) {
    affine acc = map_of(first, i);
    for (int r = first + 1; r < last; r++) {
        affine next = map_of(r, i);
        acc = (affine){next.m * acc.m, next.m * acc.c + next.c};
    }
    return acc;
}

static void user_ops(void) {
    MPI_Op ordered, sum;
    int ok = MPI_Op_create(compose, 0, &ordered) == MPI_SUCCESS && MPI_Op_create(add_ints, 1, &sum) == MPI_SUCCESS;
    int commutative = -1;
    MPI_Op_commutative(ordered, &commutative);
    ok = ok && commutative == 0;
    MPI_Op_commutative(sum, &commutative);
    ok = ok && commutative == 1;
    mw_case("MPI_Op_create MPI_Op_commutative", ok, NULL);

    affine mine[N], result[N];
    for (int i = 0; i < N; i++) mine[i] = map_of(mw_rank, i);
    ok = 1;
    memset(result, 0, sizeof result);
    MPI_Reduce(mine, result, N, MPI_2INT, ordered, 0, MPI_COMM_WORLD);
    for (int i = 0; mw_rank == 0 && i < N; i++) {
        affine want_ = composed(0, mw_size, i);
        if (result[i].m != want_.m || result[i].c != want_.c) ok = 0;
    }
    MPI_Allreduce(mine, result, N, MPI_2INT, ordered, MPI_COMM_WORLD);
    for (int i = 0; i < N; i++) {
        affine want_ = composed(0, mw_size, i);
        if (result[i].m != want_.m || result[i].c != want_.c) ok = 0;
    }
    MPI_Scan(mine, result, N, MPI_2INT, ordered, MPI_COMM_WORLD);
    for (int i = 0; i < N; i++) {
        affine want_ = composed(0, mw_rank + 1, i);
        if (result[i].m != want_.m || result[i].c != want_.c) ok = 0;
    }
    MPI_Exscan(mine, result, N, MPI_2INT, ordered, MPI_COMM_WORLD);
    for (int i = 0; mw_rank > 0 && i < N; i++) {
        affine want_ = composed(0, mw_rank, i);
        if (result[i].m != want_.m || result[i].c != want_.c) ok = 0;
    }
    mw_case("MPI_Reduce MPI_Allreduce MPI_Scan MPI_Exscan with a non-commutative user op", ok, NULL);

    int values[N], sums[N];
    for (int i = 0; i < N; i++) values[i] = mw_rank * 10 + i;
    MPI_Request request;
    MPI_Iallreduce(values, sums, N, MPI_INT, sum, MPI_COMM_WORLD, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    ok = 1;
    for (int i = 0; i < N; i++) if (sums[i] != 10 * mw_size * (mw_size - 1) / 2 + i * mw_size) ok = 0;
    int local[N] = {1, 2, 3, 4};
    MPI_Reduce_local(values, local, N, MPI_INT, sum);
    for (int i = 0; i < N; i++) if (local[i] != values[i] + i + 1) ok = 0;
    mw_case("MPI_Iallreduce MPI_Reduce_local with a commutative user op", ok, NULL);

    ok = MPI_Op_free(&ordered) == MPI_SUCCESS && MPI_Op_free(&sum) == MPI_SUCCESS && ordered == MPI_OP_NULL;
    mw_case("MPI_Op_free", ok, NULL);
}

int main(int argc, char **argv) {
    mw_begin(&argc, &argv);
    for (size_t k = 0; k < sizeof reductions / sizeof reductions[0]; k++) if (mw_usable(reductions[k].datatype)) run(&reductions[k]);
    user_ops();
    return mw_end();
}
