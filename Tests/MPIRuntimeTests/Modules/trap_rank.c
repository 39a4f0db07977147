/* Rank 1 traps while the others wait for it in MPI_Recv: the job must end at once. */
#include <mpi.h>

__attribute__((noinline)) void rank_one_fails(volatile int *p) { if (*p == 1) __builtin_trap(); }

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, value = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    volatile int r = rank;
    rank_one_fails(&r);
    if (rank != 1) MPI_Recv(&value, 1, MPI_INT, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Finalize();
    return value;
}
