/* Opens a port (connecting to other jobs): refused unless the user allows it. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    char port[MPI_MAX_PORT_NAME];
    MPI_Init(&argc, &argv);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int rc = MPI_Open_port(MPI_INFO_NULL, port), error_class = 0;
    MPI_Error_class(rc, &error_class);
    if (rc == MPI_SUCCESS) {
        printf("port opened\n");
        MPI_Close_port(port);
    } else {
        printf("refused with class %d\n", error_class);
    }
    MPI_Finalize();
    return 0;
}
