// A 2-D heat stencil on a cartesian grid of ranks with halo exchange (derived datatypes for
// the columns, MPI_PROC_NULL at the borders); prints the global heat after some steps.
#include <mpi.h>
#include <cstdio>
#include <vector>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int size, rank, dims[2] = {0, 0}, periods[2] = {0, 0};
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Dims_create(size, 2, dims);
    MPI_Comm grid;
    MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &grid);
    MPI_Comm_rank(grid, &rank);
    int coords[2];
    MPI_Cart_coords(grid, rank, 2, coords);
    const int n = 16, stride = n + 2;
    std::vector<double> u(stride * stride, 0.0), next(u);
    if (coords[0] == 0 && coords[1] == 0) u[1 * stride + 1] = 1000.0;
    MPI_Datatype column;
    MPI_Type_vector(n, 1, stride, MPI_DOUBLE, &column);
    MPI_Type_commit(&column);
    int up, down, left, right;
    MPI_Cart_shift(grid, 0, 1, &up, &down);
    MPI_Cart_shift(grid, 1, 1, &left, &right);
    for (int step = 0; step < 20; step++) {
        MPI_Sendrecv(&u[1 * stride + 1], n, MPI_DOUBLE, up, 0, &u[(n + 1) * stride + 1], n, MPI_DOUBLE, down, 0, grid, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[n * stride + 1], n, MPI_DOUBLE, down, 1, &u[0 * stride + 1], n, MPI_DOUBLE, up, 1, grid, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1 * stride + 1], 1, column, left, 2, &u[1 * stride + n + 1], 1, column, right, 2, grid, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1 * stride + n], 1, column, right, 3, &u[1 * stride + 0], 1, column, left, 3, grid, MPI_STATUS_IGNORE);
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= n; j++)
                next[i * stride + j] = u[i * stride + j] + 0.1 * (u[(i - 1) * stride + j] + u[(i + 1) * stride + j] +
                                                                  u[i * stride + j - 1] + u[i * stride + j + 1] - 4 * u[i * stride + j]);
        u.swap(next);
    }
    double local = 0, total = 0;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++) local += u[i * stride + j];
    MPI_Reduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, 0, grid);
    if (rank == 0) std::printf("halo: %dx%d ranks, heat after 20 steps %.6f\n", dims[0], dims[1], total);
    MPI_Type_free(&column);
    MPI_Comm_free(&grid);
    MPI_Finalize();
    return 0;
}
