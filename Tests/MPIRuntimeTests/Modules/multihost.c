/* Ranks spread over nodes: each says where it runs; rank 0 and the last rank exchange 4 MiB
 * each way, checked; every rank writes a file naming itself into the node's pre-opened
 * directory (/node); the last rank exits with the code given as argument 1 (0 by default). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define WORDS (1 << 20)

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size, length;
    char node[MPI_MAX_PROCESSOR_NAME];
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Get_processor_name(node, &length);
    printf("rank %d of %d on %s\n", rank, size, node);

    int last = size - 1, ok = 1;
    if (rank == 0 || rank == last) {
        int *out = malloc(WORDS * sizeof(int)), *in = malloc(WORDS * sizeof(int));
        for (int i = 0; i < WORDS; i++) out[i] = rank * 7 + i;
        int other = rank == 0 ? last : 0;
        MPI_Sendrecv(out, WORDS, MPI_INT, other, 1, in, WORDS, MPI_INT, other, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 0; i < WORDS; i++) ok = ok && in[i] == other * 7 + i;
        printf("rank %d exchanged %zu bytes with rank %d: %s\n", rank, WORDS * sizeof(int), other, ok ? "ok" : "WRONG");
        free(out);
        free(in);
    }
    char path[64];
    snprintf(path, sizeof path, "/node/rank-%d", rank);
    FILE *file = fopen(path, "w");
    if (file) {
        fprintf(file, "%s\n", node);
        fclose(file);
    } else {
        printf("rank %d cannot write %s\n", rank, path);
        ok = 0;
    }
    int all = 0;
    MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    if (rank == 0) printf("multihost: %s\n", all ? "ok" : "FAILED");
    fflush(stdout);
    int code = argc > 1 ? atoi(argv[1]) : 0;
    if (rank == last && code != 0) exit(code);
    MPI_Finalize();
    return all ? 0 : 1;
}
