/* Null datatypes reach the host, which reports their errors as it does to native programs;
 * the lengths that depend on null handles count as zero, so the buffers are not checked. The
 * buffers here lie beyond linear memory: each call must be refused without touching them, and
 * the process must live to print every error class. Null communicators are refused by the
 * runtime itself (calls 4, 6, 7): Open MPI 4.1 crashes on MPI_Iallgather and MPI_Probe with one. */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int send[4] = {1, 2, 3, 4}, counts[4] = {4, 4, 4, 4}, displs[4] = {0, 4, 8, 12};
    void *beyond = (void *)(uintptr_t)((uintptr_t)__builtin_wasm_memory_size(0) * 65536 + 4096);
    MPI_Request request;
    MPI_Status status;
    int codes[8] = {
        MPI_Neighbor_allgather(send, 4, MPI_INT, beyond, 4, MPI_INT, MPI_COMM_WORLD),
        MPI_Neighbor_alltoall(send, 1, MPI_INT, beyond, 1, MPI_INT, MPI_COMM_WORLD),
        MPI_Neighbor_allgatherv(send, 4, MPI_INT, beyond, counts, displs, MPI_INT, MPI_COMM_WORLD),
        MPI_Allreduce(send, beyond, 4, MPI_DATATYPE_NULL, MPI_SUM, MPI_COMM_WORLD),
        MPI_Gather(send, 4, MPI_INT, beyond, 4, MPI_INT, 0, MPI_COMM_NULL),
        MPI_Recv(beyond, 4, MPI_DATATYPE_NULL, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        MPI_Iallgather(send, 4, MPI_INT, beyond, 4, MPI_INT, MPI_COMM_NULL, &request),
        MPI_Probe(0, 0, MPI_COMM_NULL, &status),
    };
    for (int i = 0; i < 8; i++) {
        int cls = -1;
        MPI_Error_class(codes[i], &cls);
        printf("call %d: %s\n", i, cls == MPI_ERR_TOPOLOGY ? "MPI_ERR_TOPOLOGY" : cls == MPI_ERR_TYPE ? "MPI_ERR_TYPE"
               : cls == MPI_ERR_COMM ? "MPI_ERR_COMM" : cls == MPI_ERR_OP ? "MPI_ERR_OP" : cls == MPI_SUCCESS ? "MPI_SUCCESS" : "other");
    }
    printf("survived\n");
    MPI_Finalize();
    return 0;
}
