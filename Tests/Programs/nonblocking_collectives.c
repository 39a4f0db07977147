/* Nonblocking collectives, all in flight at once and completed together: gather, scatter,
 * alltoall and their v forms, reduce (in place at the root), reduce-scatter, allgather, and
 * MINLOC/MAXLOC on the pair types; then the bitwise and logical ops on integer types. */
#include "check.h"
#include <stdlib.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int root = size - 1;
    int *gathered = (int *)calloc(size, sizeof(int)), *scattered_from = (int *)malloc(size * sizeof(int));
    int *counts = (int *)malloc(size * sizeof(int)), *displs = (int *)malloc(size * sizeof(int));
    int *vgathered = (int *)calloc(size * size, sizeof(int)), *all = (int *)calloc(size, sizeof(int));
    int *to_all = (int *)malloc(size * sizeof(int)), *from_all = (int *)calloc(size, sizeof(int));
    int *block_in = (int *)malloc(size * sizeof(int)), *vsource = (int *)malloc(size * size * sizeof(int));
    for (int i = 0; i < size * size; i++) vsource[i] = (i / size) * 10 + i % size;
    for (int i = 0; i < size; i++) {
        scattered_from[i] = 100 + i;
        counts[i] = i + 1;
        displs[i] = i * size;
        to_all[i] = rank * size + i;
        block_in[i] = rank + i;
    }
    int mine = rank * 3, scattered = -1, vmine[8], vscattered[8] = {0}, reduced = rank + 1, block_out = -1;
    for (int i = 0; i < 8; i++) vmine[i] = rank;
    struct { double value; int rank; } dpair = {(double)((rank * 5) % (size + 1)), rank}, dmin;
    struct { float value; int rank; } fpair = {(float)rank, rank}, fmax;

    MPI_Request requests[10];
    MPI_Igather(&mine, 1, MPI_INT, gathered, 1, MPI_INT, root, MPI_COMM_WORLD, &requests[0]);
    MPI_Iscatter(scattered_from, 1, MPI_INT, &scattered, 1, MPI_INT, root, MPI_COMM_WORLD, &requests[1]);
    MPI_Igatherv(vmine, rank + 1, MPI_INT, vgathered, counts, displs, MPI_INT, 0, MPI_COMM_WORLD, &requests[2]);
    MPI_Iscatterv(vsource, counts, displs, MPI_INT, vscattered, rank + 1, MPI_INT, root, MPI_COMM_WORLD, &requests[3]);
    MPI_Iallgather(&mine, 1, MPI_INT, all, 1, MPI_INT, MPI_COMM_WORLD, &requests[4]);
    MPI_Ialltoall(to_all, 1, MPI_INT, from_all, 1, MPI_INT, MPI_COMM_WORLD, &requests[5]);
    if (rank == root) MPI_Ireduce(MPI_IN_PLACE, &reduced, 1, MPI_INT, MPI_PROD, root, MPI_COMM_WORLD, &requests[6]);
    else MPI_Ireduce(&reduced, NULL, 1, MPI_INT, MPI_PROD, root, MPI_COMM_WORLD, &requests[6]);
    MPI_Ireduce_scatter_block(block_in, &block_out, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD, &requests[7]);
    MPI_Iallreduce(&dpair, &dmin, 1, MPI_DOUBLE_INT, MPI_MINLOC, MPI_COMM_WORLD, &requests[8]);
    MPI_Iallreduce(&fpair, &fmax, 1, MPI_FLOAT_INT, MPI_MAXLOC, MPI_COMM_WORLD, &requests[9]);
    MPI_Waitall(10, requests, MPI_STATUSES_IGNORE);

    if (rank == root)
        for (int i = 0; i < size; i++) CHECK(gathered[i] == i * 3, "igather %d = %d", i, gathered[i]);
    CHECK(scattered == 100 + rank, "iscatter %d", scattered);
    for (int i = 0; i < size; i++) CHECK(all[i] == i * 3 && from_all[i] == i * size + rank, "iallgather/ialltoall %d", i);
    if (rank == 0)
        for (int i = 0; i < size; i++)
            for (int k = 0; k <= i; k++) CHECK(vgathered[i * size + k] == i, "igatherv %d.%d", i, k);
    long expected_product = 1;
    for (int i = 1; i <= size; i++) expected_product *= i;
    if (rank == root) CHECK(reduced == expected_product, "ireduce in place %d", reduced);
    CHECK(block_out == size * (size - 1) / 2 + size * rank, "ireduce_scatter_block %d", block_out);
    double lowest = 1e9;
    int lowest_rank = -1;
    for (int r = 0; r < size; r++)
        if ((double)((r * 5) % (size + 1)) < lowest) lowest = (r * 5) % (size + 1), lowest_rank = r;
    CHECK(dmin.value == lowest && dmin.rank == lowest_rank, "minloc %g at %d", dmin.value, dmin.rank);
    CHECK(fmax.value == (float)(size - 1) && fmax.rank == size - 1, "maxloc %g at %d", fmax.value, fmax.rank);

    for (int k = 0; k <= rank; k++) CHECK(vscattered[k] == rank * 10 + k, "iscatterv %d", vscattered[k]);

    /* Bitwise and logical reductions on integer types of every width. */
    unsigned char bits8 = (unsigned char)(1u << (rank % 8)), or8 = 0;
    short and16 = 0, mine16 = (short)(0x7fff & ~(1 << rank));
    long long xor64 = 0, mine64 = 1LL << (rank + 40);
    int land = 0, lor = 0, truth = rank != 0;
    MPI_Allreduce(&bits8, &or8, 1, MPI_UNSIGNED_CHAR, MPI_BOR, MPI_COMM_WORLD);
    MPI_Allreduce(&mine16, &and16, 1, MPI_SHORT, MPI_BAND, MPI_COMM_WORLD);
    MPI_Allreduce(&mine64, &xor64, 1, MPI_LONG_LONG, MPI_BXOR, MPI_COMM_WORLD);
    MPI_Allreduce(&truth, &land, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    MPI_Allreduce(&truth, &lor, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    unsigned expected_or = 0;
    short expected_and = 0x7fff;
    long long expected_xor = 0;
    for (int r = 0; r < size; r++) {
        expected_or |= 1u << (r % 8);
        expected_and &= (short)(0x7fff & ~(1 << r));
        expected_xor ^= 1LL << (r + 40);
    }
    CHECK(or8 == expected_or && and16 == expected_and && xor64 == expected_xor, "bitwise %u %d %lld", or8, and16, xor64);
    CHECK(land == 0 && lor == (size > 1), "logical %d %d", land, lor);

    free(gathered); free(scattered_from); free(counts); free(displs); free(vgathered); free(all);
    free(to_all); free(from_all); free(block_in); free(vsource);
    return check_finish("nonblocking_collectives");
}
