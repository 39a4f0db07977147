/* A reduction with a user-defined operation: the element-wise maximum of |x|, keeping the sign. */
#include <mpi.h>
#include <stdio.h>

static void max_magnitude(void *in, void *inout, int *len, MPI_Datatype *type) {
    (void)type;
    double *a = (double *)in, *b = (double *)inout;
    for (int i = 0; i < *len; i++) {
        double ma = a[i] < 0 ? -a[i] : a[i], mb = b[i] < 0 ? -b[i] : b[i];
        if (ma > mb) b[i] = a[i];
    }
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double values[3] = {(double)(rank % 2 ? -rank : rank), 1.0 / (rank + 1), -0.5 * rank}, result[3];
    MPI_Op op;
    MPI_Op_create(max_magnitude, 1, &op);
    MPI_Allreduce(values, result, 3, MPI_DOUBLE, op, MPI_COMM_WORLD);
    MPI_Op_free(&op);
    if (rank == 0) printf("user_op on %d ranks: %g %g %g\n", size, result[0], result[1], result[2]);
    MPI_Finalize();
    return 0;
}
