/* The cost of crossing into the host: MPI_Comm_rank, MPI_Wtime, and MPI_Test on a request
 * that has completed (a persistent send to MPI_PROC_NULL), in nanoseconds per call. */
#include "bench.h"

enum { CALLS = 4000000 };

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, flag = 0;
    volatile double sink = 0;
    double start = MPI_Wtime();
    for (int i = 0; i < CALLS; i++) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    bench_result("calls", "MPI_Comm_rank", 0, (MPI_Wtime() - start) / CALLS * 1e9, "ns");
    start = MPI_Wtime();
    for (int i = 0; i < CALLS; i++) sink += MPI_Wtime();
    bench_result("calls", "MPI_Wtime", 0, (MPI_Wtime() - start) / CALLS * 1e9, "ns");
    MPI_Request request;
    MPI_Send_init(&rank, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &request);
    MPI_Start(&request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    start = MPI_Wtime();
    for (int i = 0; i < CALLS; i++) MPI_Test(&request, &flag, MPI_STATUS_IGNORE);
    bench_result("calls", "MPI_Test", 0, (MPI_Wtime() - start) / CALLS * 1e9, "ns");
    MPI_Request_free(&request);
    MPI_Finalize();
    return flag ? 0 : 1;
}
