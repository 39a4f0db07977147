/* A 2-D halo-exchange stencil: Jacobi sweeps of the 5-point Laplacian on an N x N block per
 * rank, ranks on a cartesian grid exchanging one-cell halos every sweep (vector datatypes for
 * the columns). Reports the time of the sweeps and a checksum that native and wasm must share. */
#include "bench.h"
#include <string.h>

enum { N = 384, SWEEPS = 1000 };
#define AT(g, i, j) (g)[(size_t)(i) * (N + 2) + (j)]

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int size, dims[2] = {0, 0}, periods[2] = {0, 0}, up, down, left, right;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Dims_create(size, 2, dims);
    MPI_Comm grid;
    MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &grid);
    MPI_Cart_shift(grid, 0, 1, &up, &down);
    MPI_Cart_shift(grid, 1, 1, &left, &right);
    int coords[2], rank;
    MPI_Comm_rank(grid, &rank);
    MPI_Cart_coords(grid, rank, 2, coords);
    double *a = calloc((size_t)(N + 2) * (N + 2), sizeof(double)), *b = calloc((size_t)(N + 2) * (N + 2), sizeof(double));
    /* Hot top edge of the global domain. */
    if (coords[0] == 0)
        for (int j = 0; j < N + 2; j++) AT(a, 0, j) = AT(b, 0, j) = 100.0;
    MPI_Datatype column;
    MPI_Type_vector(N, 1, N + 2, MPI_DOUBLE, &column);
    MPI_Type_commit(&column);
    MPI_Barrier(grid);
    double start = MPI_Wtime();
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
        MPI_Request r[8];
        MPI_Irecv(&AT(a, 0, 1), N, MPI_DOUBLE, up, 0, grid, &r[0]);
        MPI_Irecv(&AT(a, N + 1, 1), N, MPI_DOUBLE, down, 1, grid, &r[1]);
        MPI_Irecv(&AT(a, 1, 0), 1, column, left, 2, grid, &r[2]);
        MPI_Irecv(&AT(a, 1, N + 1), 1, column, right, 3, grid, &r[3]);
        MPI_Isend(&AT(a, 1, 1), N, MPI_DOUBLE, up, 1, grid, &r[4]);
        MPI_Isend(&AT(a, N, 1), N, MPI_DOUBLE, down, 0, grid, &r[5]);
        MPI_Isend(&AT(a, 1, 1), 1, column, left, 3, grid, &r[6]);
        MPI_Isend(&AT(a, 1, N), 1, column, right, 2, grid, &r[7]);
        MPI_Waitall(8, r, MPI_STATUSES_IGNORE);
        for (int i = 1; i <= N; i++)
            for (int j = 1; j <= N; j++)
                AT(b, i, j) = 0.25 * (AT(a, i - 1, j) + AT(a, i + 1, j) + AT(a, i, j - 1) + AT(a, i, j + 1));
        double *t = a;
        a = b;
        b = t;
    }
    double elapsed = MPI_Wtime() - start, local = 0, total = 0;
    for (int i = 1; i <= N; i++)
        for (int j = 1; j <= N; j++) local += AT(a, i, j);
    MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, grid);
    MPI_Allreduce(MPI_IN_PLACE, &elapsed, 1, MPI_DOUBLE, MPI_MAX, grid);
    bench_result("kernels", "stencil", N, elapsed, "s");
    bench_result("checksum", "stencil", N, total, "heat");
    MPI_Type_free(&column);
    MPI_Comm_free(&grid);
    free(a);
    free(b);
    MPI_Finalize();
    return 0;
}
