/* Collectives over message sizes (bytes per rank): allreduce (doubles, sum), bcast,
 * alltoall and allgather; the average time of one call on rank 0, after a barrier. */
#include "bench.h"
#include <string.h>

enum { MAX_BYTES = 1 << 20 };

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double *send = malloc((size_t)MAX_BYTES * size), *recv = malloc((size_t)MAX_BYTES * size);
    for (long i = 0; i < (long)MAX_BYTES * size / 8; i++) send[i] = 1.0;
    for (long bytes = 8; bytes <= MAX_BYTES; bytes *= 4) {
        int count = (int)(bytes / 8), n = bench_iterations(bytes, 2000);
        const char *names[] = {"allreduce", "bcast", "alltoall", "allgather"};
        for (int op = 0; op < 4; op++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double start = 0;
            for (int i = 0; i < n + n / 10; i++) {
                if (i == n / 10) start = MPI_Wtime();
                switch (op) {
                case 0: MPI_Allreduce(send, recv, count, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD); break;
                case 1: MPI_Bcast(send, count, MPI_DOUBLE, 0, MPI_COMM_WORLD); break;
                case 2: MPI_Alltoall(send, count, MPI_DOUBLE, recv, count, MPI_DOUBLE, MPI_COMM_WORLD); break;
                default: MPI_Allgather(send, count, MPI_DOUBLE, recv, count, MPI_DOUBLE, MPI_COMM_WORLD); break;
                }
            }
            bench_result("collectives", names[op], bytes, (MPI_Wtime() - start) / n * 1e6, "us");
        }
    }
    free(send);
    free(recv);
    MPI_Finalize();
    return 0;
}
