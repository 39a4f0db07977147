/* A conjugate-gradient solve on the 3-D Poisson problem (7-point stencil, CSR matrix), the
 * shape of HPCG: sparse matrix-vector products with a halo exchange of boundary planes, dot
 * products with MPI_Allreduce. Each rank owns N x N x N points of a slab decomposition in z.
 * Reports the solve time and the residual reduction, which native and wasm must share. */
#include "bench.h"
#include <math.h>
#include <string.h>

enum { N = 48, ITERATIONS = 200 };
#define PLANE (N * N)
#define LOCAL (N * N * N)

static int rank, size;

/* x has a halo plane below (index 0 .. PLANE-1) and above (PLANE + LOCAL ..). */
static void exchange(double *x) {
    MPI_Request r[4];
    int below = rank > 0 ? rank - 1 : MPI_PROC_NULL, above = rank < size - 1 ? rank + 1 : MPI_PROC_NULL;
    MPI_Irecv(x, PLANE, MPI_DOUBLE, below, 0, MPI_COMM_WORLD, &r[0]);
    MPI_Irecv(x + PLANE + LOCAL, PLANE, MPI_DOUBLE, above, 1, MPI_COMM_WORLD, &r[1]);
    MPI_Isend(x + PLANE, PLANE, MPI_DOUBLE, below, 1, MPI_COMM_WORLD, &r[2]);
    MPI_Isend(x + LOCAL, PLANE, MPI_DOUBLE, above, 0, MPI_COMM_WORLD, &r[3]);
    MPI_Waitall(4, r, MPI_STATUSES_IGNORE);
}

static double dot(const double *a, const double *b) {
    double local = 0, total;
    for (int i = 0; i < LOCAL; i++) local += a[i] * b[i];
    MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return total;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    /* CSR rows over local points; columns index the haloed vector (offset PLANE). */
    int *start = malloc((LOCAL + 1) * sizeof(int)), *columns = malloc(7 * LOCAL * sizeof(int));
    double *values = malloc(7 * LOCAL * sizeof(double));
    int nz = 0;
    for (int z = 0; z < N; z++)
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                int row = (z * N + y) * N + x, gz = rank * N + z;
                start[row] = nz;
                int dz[] = {0, 0, 0, 0, 0, -1, 1}, dy[] = {0, 0, 0, -1, 1, 0, 0}, dx[] = {0, -1, 1, 0, 0, 0, 0};
                for (int k = 0; k < 7; k++) {
                    int nx = x + dx[k], ny = y + dy[k], nzz = z + dz[k];
                    if (nx < 0 || nx >= N || ny < 0 || ny >= N || gz + dz[k] < 0 || gz + dz[k] >= size * N) continue;
                    columns[nz] = PLANE + (nzz * N + ny) * N + nx;
                    values[nz++] = k == 0 ? 6.0 : -1.0;
                }
            }
    start[LOCAL] = nz;
    double *x = calloc(LOCAL, sizeof(double)), *r = malloc(LOCAL * sizeof(double)), *ap = malloc(LOCAL * sizeof(double));
    double *p = calloc(LOCAL + 2 * PLANE, sizeof(double));
    for (int i = 0; i < LOCAL; i++) r[i] = p[PLANE + i] = 1.0;  /* b = 1, x0 = 0 */
    double rr = dot(r, r), rr0 = rr;
    MPI_Barrier(MPI_COMM_WORLD);
    double t0 = MPI_Wtime();
    for (int it = 0; it < ITERATIONS; it++) {
        exchange(p);
        for (int row = 0; row < LOCAL; row++) {
            double sum = 0;
            for (int k = start[row]; k < start[row + 1]; k++) sum += values[k] * p[columns[k]];
            ap[row] = sum;
        }
        double alpha = rr / dot(p + PLANE, ap);
        for (int i = 0; i < LOCAL; i++) {
            x[i] += alpha * p[PLANE + i];
            r[i] -= alpha * ap[i];
        }
        double next = dot(r, r), beta = next / rr;
        rr = next;
        for (int i = 0; i < LOCAL; i++) p[PLANE + i] = r[i] + beta * p[PLANE + i];
    }
    double elapsed = MPI_Wtime() - t0;
    MPI_Allreduce(MPI_IN_PLACE, &elapsed, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    bench_result("kernels", "cg", N, elapsed, "s");
    bench_result("checksum", "cg", N, sqrt(rr / rr0), "residual");
    free(start); free(columns); free(values); free(x); free(r); free(ap); free(p);
    MPI_Finalize();
    return 0;
}
