/* Ping-pong between ranks 0 and 1 over message sizes from 8 B to 1 MiB; prints the
 * round-trip count and a checksum (timings go to stderr, so stdout is deterministic). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size < 2) {
        if (rank == 0) printf("pingpong needs 2 ranks\n");
        MPI_Finalize();
        return 0;
    }
    const int iterations = 50;
    char *buffer = (char *)malloc(1 << 20);
    long checksum = 0;
    for (int bytes = 8; bytes <= (1 << 20); bytes *= 8) {
        for (int i = 0; i < bytes; i++) buffer[i] = (char)(i % 127);
        double start = MPI_Wtime();
        for (int it = 0; it < iterations && rank < 2; it++) {
            if (rank == 0) {
                MPI_Send(buffer, bytes, MPI_CHAR, 1, it, MPI_COMM_WORLD);
                MPI_Recv(buffer, bytes, MPI_CHAR, 1, it, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            } else {
                MPI_Recv(buffer, bytes, MPI_CHAR, 0, it, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                MPI_Send(buffer, bytes, MPI_CHAR, 0, it, MPI_COMM_WORLD);
            }
        }
        double elapsed = MPI_Wtime() - start;
        for (int i = 0; i < bytes; i++) checksum += buffer[i];
        if (rank == 0) fprintf(stderr, "%8d B: %.2f us per round trip\n", bytes, elapsed / iterations * 1e6);
    }
    if (rank == 0) printf("pingpong: %d round trips per size, checksum %ld\n", iterations, checksum);
    free(buffer);
    MPI_Finalize();
    return 0;
}
