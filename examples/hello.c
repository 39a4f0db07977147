/* Every rank says hello; rank 0 prints what the job looks like. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size, version, subversion;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Get_version(&version, &subversion);
    int ranks_sum = 0;
    MPI_Reduce(&rank, &ranks_sum, 1, MPI_INT, MPI_SUM, 0, MPI_COMM_WORLD);
    printf("hello from rank %d of %d\n", rank, size);
    if (rank == 0) printf("MPI %d.%d, %d ranks, sum of ranks %d\n", version, subversion, size, ranks_sum);
    MPI_Finalize();
    return 0;
}
