/* Collectives: blocking and nonblocking, in place, v- and w-variants, user ops, MINLOC/MAXLOC. */
#include "check.h"
#include <stdlib.h>

/* Digit concatenation on (value, 10^digits) pairs: associative but not commutative, so the
 * result shows that the operands were combined in rank order. */
static void concatenate(void *in, void *inout, int *len, MPI_Datatype *type) {
    (void)type;
    int *a = (int *)in, *b = (int *)inout;
    for (int i = 0; i < *len; i++) {
        b[2 * i] = a[2 * i] * b[2 * i + 1] + b[2 * i];
        b[2 * i + 1] = a[2 * i + 1] * b[2 * i + 1];
    }
}

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int n = size;

    int value = rank + 1, sum = 0;
    MPI_Allreduce(&value, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    CHECK(sum == n * (n + 1) / 2, "allreduce %d", sum);

    long long big[2] = {rank, -rank};
    MPI_Allreduce(MPI_IN_PLACE, big, 2, MPI_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    CHECK(big[0] == n - 1 && big[1] == 0, "in-place max %lld %lld", big[0], big[1]);

    double root_value = rank == n - 1 ? 3.25 : 0;
    MPI_Bcast(&root_value, 1, MPI_DOUBLE, n - 1, MPI_COMM_WORLD);
    CHECK(root_value == 3.25, "bcast %f", root_value);

    int product = 0;
    MPI_Reduce(&value, &product, 1, MPI_INT, MPI_PROD, 0, MPI_COMM_WORLD);
    if (rank == 0) {
        int expected = 1;
        for (int i = 1; i <= n; i++) expected *= i;
        CHECK(product == expected, "reduce prod %d", product);
    }

    int *gathered = (int *)malloc(sizeof(int) * (size_t)n);
    MPI_Gather(&rank, 1, MPI_INT, gathered, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank == 0) for (int i = 0; i < n; i++) CHECK(gathered[i] == i, "gather[%d] = %d", i, gathered[i]);

    /* Gatherv: rank r contributes r+1 copies of r. */
    int *counts = (int *)malloc(sizeof(int) * (size_t)n), *displs = (int *)malloc(sizeof(int) * (size_t)n);
    int total = 0;
    for (int i = 0; i < n; i++) { counts[i] = i + 1; displs[i] = total; total += i + 1; }
    int *mine = (int *)malloc(sizeof(int) * (size_t)(rank + 1));
    for (int i = 0; i <= rank; i++) mine[i] = rank;
    int *all = (int *)malloc(sizeof(int) * (size_t)total);
    MPI_Allgatherv(mine, rank + 1, MPI_INT, all, counts, displs, MPI_INT, MPI_COMM_WORLD);
    for (int i = 0; i < n; i++) CHECK(all[displs[i] + i] == i, "allgatherv block %d", i);
    MPI_Gatherv(mine, rank + 1, MPI_INT, all, counts, displs, MPI_INT, n - 1, MPI_COMM_WORLD);
    if (rank == n - 1) CHECK(all[total - 1] == n - 1, "gatherv last %d", all[total - 1]);

    /* Scatter and Scatterv. */
    int *source = (int *)malloc(sizeof(int) * (size_t)total);
    for (int i = 0; i < total; i++) source[i] = 100 + i;
    int piece = -1;
    MPI_Scatter(source, 1, MPI_INT, &piece, 1, MPI_INT, 0, MPI_COMM_WORLD);
    CHECK(piece == 100 + rank, "scatter %d", piece);
    MPI_Scatterv(source, counts, displs, MPI_INT, mine, rank + 1, MPI_INT, 0, MPI_COMM_WORLD);
    CHECK(mine[rank] == 100 + displs[rank] + rank, "scatterv %d", mine[rank]);

    /* Allgather and Alltoall. */
    MPI_Allgather(&value, 1, MPI_INT, gathered, 1, MPI_INT, MPI_COMM_WORLD);
    for (int i = 0; i < n; i++) CHECK(gathered[i] == i + 1, "allgather[%d]", i);
    int *sendv = (int *)malloc(sizeof(int) * (size_t)n), *recvv = (int *)malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) sendv[i] = rank * 100 + i;
    MPI_Alltoall(sendv, 1, MPI_INT, recvv, 1, MPI_INT, MPI_COMM_WORLD);
    for (int i = 0; i < n; i++) CHECK(recvv[i] == i * 100 + rank, "alltoall[%d] = %d", i, recvv[i]);

    /* Alltoallv and Alltoallw with one element per peer. */
    int *ones = (int *)malloc(sizeof(int) * (size_t)n), *offsets = (int *)malloc(sizeof(int) * (size_t)n);
    int *byte_offsets = (int *)malloc(sizeof(int) * (size_t)n);
    MPI_Datatype *types = (MPI_Datatype *)malloc(sizeof(MPI_Datatype) * (size_t)n);
    for (int i = 0; i < n; i++) { ones[i] = 1; offsets[i] = i; byte_offsets[i] = i * (int)sizeof(int); types[i] = MPI_INT; }
    MPI_Alltoallv(sendv, ones, offsets, MPI_INT, recvv, ones, offsets, MPI_INT, MPI_COMM_WORLD);
    for (int i = 0; i < n; i++) CHECK(recvv[i] == i * 100 + rank, "alltoallv[%d]", i);
    MPI_Alltoallw(sendv, ones, byte_offsets, types, recvv, ones, byte_offsets, types, MPI_COMM_WORLD);
    for (int i = 0; i < n; i++) CHECK(recvv[i] == i * 100 + rank, "alltoallw[%d]", i);

    /* Reduce_scatter_block, Reduce_scatter, Scan, Exscan. */
    for (int i = 0; i < n; i++) sendv[i] = i;
    int block = -1;
    MPI_Reduce_scatter_block(sendv, &block, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    CHECK(block == rank * n, "reduce_scatter_block %d", block);
    MPI_Reduce_scatter(sendv, &block, ones, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    CHECK(block == rank * n, "reduce_scatter %d", block);
    int prefix = 0;
    MPI_Scan(&value, &prefix, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    CHECK(prefix == (rank + 1) * (rank + 2) / 2, "scan %d", prefix);
    prefix = 0;
    MPI_Exscan(&value, &prefix, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (rank > 0) CHECK(prefix == rank * (rank + 1) / 2, "exscan %d", prefix);

    /* User-defined non-commutative op: ranks 0..n-1 give the digits 1..n in order. */
    MPI_Op op;
    MPI_Op_create(concatenate, 0, &op);
    int digit[2] = {rank + 1, 10}, folded[2] = {-1, -1}, expected = 0;
    for (int i = 1; i <= n; i++) expected = expected * 10 + i;
    MPI_Allreduce(digit, folded, 1, MPI_2INT, op, MPI_COMM_WORLD);
    CHECK(folded[0] == expected, "user op %d, expected %d", folded[0], expected);
    int commute = -1;
    MPI_Op_commutative(op, &commute);
    CHECK(commute == 0, "commutative %d", commute);
    MPI_Op_free(&op);
    CHECK(op == MPI_OP_NULL, "op not freed");

    /* MINLOC / MAXLOC on pair types. */
    struct { double v; int i; } pair = {(double)((rank * 7) % n), rank}, best;
    MPI_Allreduce(&pair, &best, 1, MPI_DOUBLE_INT, MPI_MAXLOC, MPI_COMM_WORLD);
    CHECK(best.v == (double)(n - 1), "maxloc %f", best.v);
    int ipair[2] = {rank % 2, rank}, ibest[2];
    MPI_Allreduce(ipair, ibest, 1, MPI_2INT, MPI_MINLOC, MPI_COMM_WORLD);
    CHECK(ibest[0] == 0 && ibest[1] == 0, "minloc %d@%d", ibest[0], ibest[1]);

    /* Nonblocking collectives. */
    MPI_Request requests[3];
    int isum = 0, ib = rank == 0 ? 42 : 0;
    MPI_Iallreduce(&value, &isum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &requests[0]);
    MPI_Ibcast(&ib, 1, MPI_INT, 0, MPI_COMM_WORLD, &requests[1]);
    MPI_Ibarrier(MPI_COMM_WORLD, &requests[2]);
    MPI_Waitall(3, requests, MPI_STATUSES_IGNORE);
    CHECK(isum == n * (n + 1) / 2 && ib == 42, "nonblocking %d %d", isum, ib);
    MPI_Request gv;
    MPI_Iallgatherv(mine, rank + 1, MPI_INT, all, counts, displs, MPI_INT, MPI_COMM_WORLD, &gv);
    MPI_Wait(&gv, MPI_STATUS_IGNORE);
    CHECK(all[displs[n - 1] + n - 1] == 100 + displs[n - 1] + n - 1, "iallgatherv");

    /* Zero counts are legal everywhere. */
    CHECK_MPI(MPI_Allreduce(&value, &sum, 0, MPI_INT, MPI_SUM, MPI_COMM_WORLD));
    MPI_Barrier(MPI_COMM_WORLD);

    free(gathered); free(counts); free(displs); free(mine); free(all); free(source);
    free(sendv); free(recvv); free(ones); free(offsets); free(byte_offsets); free(types);
    return check_finish("collectives");
}
