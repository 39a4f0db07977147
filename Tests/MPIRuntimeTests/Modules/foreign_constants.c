/* Values of closed domains that are not the ABI's constants but are a host's own: Open MPI's
 * OMPI_COMM_TYPE_CORE (2; MPICH's MPIX_COMM_TYPE_NEIGHBORHOOD is 2 too), MPI_LOCK_EXCLUSIVE
 * (1), MPI_SEEK_SET (600), MPI_ORDER_C (0), MPI_TYPECLASS_INTEGER (1). Passed on, the host
 * would read them as its own (fuzz seed 30 split by core, then crashed Open MPI in
 * MPI_Neighbor_allgather); a module built against the ABI cannot mean them. The runtime passes
 * a value no host takes, which each host refuses with MPI_ERR_ARG (the lock type: Open MPI's
 * MPI_ERR_LOCKTYPE), and the ABI's constants work. On 1 rank; prints "all ok" when every
 * answer is right. */
#include <mpi.h>
#include <stdio.h>

static int failed = 0;

static void expect(const char *what, int rc, int cls) {
    int got = MPI_SUCCESS;
    if (rc != MPI_SUCCESS) MPI_Error_class(rc, &got);
    printf("%s: %s (class %d)\n", what, got == cls ? "ok" : "FAILED", got);
    if (got != cls) failed = 1;
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm comm = MPI_COMM_NULL;
    expect("MPI_Comm_split_type of 2", MPI_Comm_split_type(MPI_COMM_WORLD, 2, 0, MPI_INFO_NULL, &comm), MPI_ERR_ARG);
    expect("MPI_Comm_split_type of 0", MPI_Comm_split_type(MPI_COMM_WORLD, 0, 0, MPI_INFO_NULL, &comm), MPI_ERR_ARG);
    expect("MPI_Comm_split_type of MPI_COMM_TYPE_SHARED", MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &comm), MPI_SUCCESS);
    if (comm != MPI_COMM_NULL) MPI_Comm_free(&comm);
    expect("MPI_Comm_split_type of MPI_UNDEFINED", MPI_Comm_split_type(MPI_COMM_WORLD, MPI_UNDEFINED, 0, MPI_INFO_NULL, &comm), MPI_SUCCESS);
    if (comm != MPI_COMM_NULL) { printf("MPI_UNDEFINED gave a communicator: FAILED\n"); failed = 1; }

    int memory[4];
    MPI_Win win;
    MPI_Win_create(memory, sizeof memory, 1, MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    MPI_Win_set_errhandler(win, MPI_ERRORS_RETURN);
    /* Open MPI answers MPI_ERR_LOCKTYPE for a lock type none of its own, MPICH MPI_ERR_ARG. */
    int code = MPI_Win_lock(1, 0, 0, win), lock_class = MPI_SUCCESS;
    MPI_Error_class(code, &lock_class);
    expect("MPI_Win_lock of 1", code, lock_class == MPI_ERR_ARG ? MPI_ERR_ARG : MPI_ERR_LOCKTYPE);
    expect("MPI_Win_lock of MPI_LOCK_EXCLUSIVE", MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win), MPI_SUCCESS);
    MPI_Win_unlock(0, win);
    MPI_Win_free(&win);

    MPI_File file;
    expect("MPI_File_open", MPI_File_open(MPI_COMM_SELF, "foreign_constants", MPI_MODE_CREATE | MPI_MODE_RDWR | MPI_MODE_DELETE_ON_CLOSE, MPI_INFO_NULL, &file), MPI_SUCCESS);
    expect("MPI_File_seek from 600", MPI_File_seek(file, 0, 600), MPI_ERR_ARG);
    expect("MPI_File_seek from MPI_SEEK_SET", MPI_File_seek(file, 0, MPI_SEEK_SET), MPI_SUCCESS);
    MPI_File_close(&file);

    int sizes[1] = {4}, subsizes[1] = {2}, starts[1] = {0};
    MPI_Datatype type;
    expect("MPI_Type_create_subarray in order 0", MPI_Type_create_subarray(1, sizes, subsizes, starts, 0, MPI_INT, &type), MPI_ERR_ARG);
    expect("MPI_Type_create_subarray in MPI_ORDER_C", MPI_Type_create_subarray(1, sizes, subsizes, starts, MPI_ORDER_C, MPI_INT, &type), MPI_SUCCESS);
    MPI_Type_free(&type);
    expect("MPI_Type_match_size of class 1", MPI_Type_match_size(1, 4, &type), MPI_ERR_ARG);
    expect("MPI_Type_match_size of MPI_TYPECLASS_INTEGER", MPI_Type_match_size(MPI_TYPECLASS_INTEGER, 4, &type), MPI_SUCCESS);

    if (!failed) printf("all ok\n");
    MPI_Finalize();
    return failed;
}
