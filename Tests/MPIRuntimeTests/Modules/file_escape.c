/* Opens argv[1], which lies outside the pre-opened directories: the error comes back (files
 * return errors by default), then again through MPI_ERRORS_ARE_FATAL set on MPI_FILE_NULL. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_File file;
    int rc = MPI_File_open(MPI_COMM_SELF, argv[1], MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &file);
    int class;
    MPI_Error_class(rc, &class);
    printf("returned class %d\n", class);
    fflush(stdout);
    MPI_File_set_errhandler(MPI_FILE_NULL, MPI_ERRORS_ARE_FATAL);
    MPI_File_open(MPI_COMM_SELF, argv[1], MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &file);
    printf("not reached\n");
    MPI_Finalize();
    return 0;
}
