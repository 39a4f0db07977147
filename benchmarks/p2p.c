/* OSU-style point-to-point between ranks 0 and 1: latency (ping-pong, half the round trip),
 * bandwidth (a window of nonblocking sends, then an acknowledgement) and bidirectional
 * bandwidth, from 8 B to 4 MiB. */
#include "bench.h"
#include <string.h>

enum { WINDOW = 64, MAX_BYTES = 4 << 20 };

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank = bench_rank(), size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size < 2) {
        if (rank == 0) fprintf(stderr, "p2p needs 2 ranks\n");
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    char *send = malloc(MAX_BYTES), *recv = malloc(MAX_BYTES);
    memset(send, rank + 1, MAX_BYTES);
    MPI_Request requests[2 * WINDOW];
    for (long bytes = 8; bytes <= MAX_BYTES; bytes *= 2) {
        if (rank < 2) {
            int peer = 1 - rank, n = bench_iterations(bytes, 10000), warm = n / 10;
            double start = 0;
            for (int i = 0; i < n + warm; i++) {
                if (i == warm) start = MPI_Wtime();
                if (rank == 0) {
                    MPI_Send(send, (int)bytes, MPI_CHAR, peer, 1, MPI_COMM_WORLD);
                    MPI_Recv(recv, (int)bytes, MPI_CHAR, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                } else {
                    MPI_Recv(recv, (int)bytes, MPI_CHAR, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    MPI_Send(send, (int)bytes, MPI_CHAR, peer, 1, MPI_COMM_WORLD);
                }
            }
            bench_result("p2p", "latency", bytes, (MPI_Wtime() - start) / n / 2 * 1e6, "us");

            int windows = bench_iterations(bytes, 2000) / 4 + 2;
            for (int i = 0; i < windows + 1; i++) {
                if (i == 1) start = MPI_Wtime();
                if (rank == 0) {
                    for (int w = 0; w < WINDOW; w++) MPI_Isend(send, (int)bytes, MPI_CHAR, peer, 2, MPI_COMM_WORLD, &requests[w]);
                    MPI_Waitall(WINDOW, requests, MPI_STATUSES_IGNORE);
                    MPI_Recv(recv, 1, MPI_CHAR, peer, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                } else {
                    for (int w = 0; w < WINDOW; w++) MPI_Irecv(recv, (int)bytes, MPI_CHAR, peer, 2, MPI_COMM_WORLD, &requests[w]);
                    MPI_Waitall(WINDOW, requests, MPI_STATUSES_IGNORE);
                    MPI_Send(send, 1, MPI_CHAR, peer, 3, MPI_COMM_WORLD);
                }
            }
            bench_result("p2p", "bandwidth", bytes, (double)bytes * WINDOW * windows / (MPI_Wtime() - start) / 1e6, "MB/s");

            for (int i = 0; i < windows + 1; i++) {
                if (i == 1) start = MPI_Wtime();
                for (int w = 0; w < WINDOW; w++) {
                    MPI_Irecv(recv, (int)bytes, MPI_CHAR, peer, 4, MPI_COMM_WORLD, &requests[w]);
                    MPI_Isend(send, (int)bytes, MPI_CHAR, peer, 4, MPI_COMM_WORLD, &requests[WINDOW + w]);
                }
                MPI_Waitall(2 * WINDOW, requests, MPI_STATUSES_IGNORE);
            }
            bench_result("p2p", "bibandwidth", bytes, 2.0 * bytes * WINDOW * windows / (MPI_Wtime() - start) / 1e6, "MB/s");
        }
        MPI_Barrier(MPI_COMM_WORLD);
    }
    if (rank == 1 && recv[0] != 1) fprintf(stderr, "p2p: wrong data\n");
    free(send);
    free(recv);
    MPI_Finalize();
    return 0;
}
