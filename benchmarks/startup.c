/* Start-up: the driver times launch to exit of this program, which only initialises MPI,
 * makes one call and finalises; the program reports nothing itself. */
#include <mpi.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Finalize();
    return 0;
}
