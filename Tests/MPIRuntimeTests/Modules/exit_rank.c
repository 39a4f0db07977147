/* Rank 1 calls exit(3) between MPI_Init and MPI_Finalize while the others wait for it: the
 * job must end promptly, saying which rank exited with which status, with that status. */
#include <mpi.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank; MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 1) exit(3);
    int x; MPI_Recv(&x, 1, MPI_INT, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return 0;
}
