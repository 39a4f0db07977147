/* Asks MPI to read past the end of linear memory: the runtime must refuse before the host MPI
 * touches anything, and the default error handler ends the job with the reason. */
#include <mpi.h>
#include <stdint.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536;
    int *near_end = (int *)(end - 8);
    MPI_Send(near_end, 1000, MPI_INT, 0, 0, MPI_COMM_SELF);
    MPI_Finalize();
    return 0;
}
