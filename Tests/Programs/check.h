/* Shared by the self-checking MPI test programs: count failed checks, report them, agree on
 * the outcome across ranks. Built natively with mpicc and to wasm with the sysroot alike. */
#ifndef MPIWASM_TEST_CHECK_H
#define MPIWASM_TEST_CHECK_H
#include <mpi.h>
#include <stdio.h>

static int check_failures = 0;

#define CHECK(cond, ...)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            int check_rank_;                                                          \
            MPI_Comm_rank(MPI_COMM_WORLD, &check_rank_);                              \
            fprintf(stderr, "rank %d: %s:%d: check failed: %s: ", check_rank_,        \
                    __FILE__, __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                             \
            fprintf(stderr, "\n");                                                    \
            check_failures++;                                                         \
        }                                                                             \
    } while (0)

#define CHECK_MPI(call) CHECK((call) == MPI_SUCCESS, "%s", #call)

/* Sums the failures of all ranks; rank 0 prints one line. Returns the process exit code. */
static int check_finish(const char *program) {
    int total = 0, rank;
    MPI_Allreduce(&check_failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) {
        int size;
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        if (total == 0) printf("%s: ok on %d ranks\n", program, size);
        else printf("%s: %d checks failed on %d ranks\n", program, total, size);
    }
    MPI_Finalize();
    return total == 0 ? 0 : 1;
}
#endif
