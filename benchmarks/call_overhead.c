/* Per-call cost of crossing into the host: MPI_Comm_rank in a loop, and 8-byte ping-pong
 * latency between ranks 0 and 1. Prints nanoseconds per call and microseconds per round trip
 * (run the native and the wasm build in the same session to compare). */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size, sink = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    const int calls = 2000000, trips = 20000;
    double start = MPI_Wtime();
    for (int i = 0; i < calls; i++) {
        int r;
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
        sink += r;
    }
    double per_call = (MPI_Wtime() - start) / calls * 1e9;
    char message[8] = {0};
    double latency = 0;
    if (size >= 2 && rank < 2) {
        MPI_Barrier(MPI_COMM_WORLD);
        for (int warm = 0; warm < 2; warm++) {
            start = MPI_Wtime();
            for (int i = 0; i < trips; i++) {
                if (rank == 0) {
                    MPI_Send(message, 8, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
                    MPI_Recv(message, 8, MPI_BYTE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                } else {
                    MPI_Recv(message, 8, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    MPI_Send(message, 8, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
                }
            }
            latency = (MPI_Wtime() - start) / trips / 2 * 1e6;
        }
    } else {
        MPI_Barrier(MPI_COMM_WORLD);
    }
    if (rank == 0) printf("MPI_Comm_rank: %.1f ns per call; ping-pong 8 B: %.2f us one way (sink %d)\n", per_call, latency, sink > 0);
    MPI_Finalize();
    return 0;
}
