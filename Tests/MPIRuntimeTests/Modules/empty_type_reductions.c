/* Reductions of copies of a committed datatype of size 0 (MPI_Type_dup, MPI_Type_create_resized,
 * MPI_File_get_view), on 2 ranks, over MPI_COMM_WORLD and MPI_COMM_SELF. Open MPI 4.1 leaves
 * such a copy's description uninitialized, and the local copy each blocking reduction makes
 * walks it and writes through a corrupted pointer (natively: SIGSEGV in libopen-pal). They move
 * nothing: each must succeed and leave the buffers as they were. Prints "all ok" when all do. */
#include <mpi.h>
#include <stdio.h>
#include <string.h>

static int failed = 0;

static void expect(const char *what, int rc) {
    printf("%s: %s\n", what, rc == MPI_SUCCESS ? "ok" : "FAILED");
    if (rc != MPI_SUCCESS) failed = 1;
}

static void nothing(void *in, void *inout, int *len, MPI_Datatype *type) { (void)in; (void)inout; (void)len; (void)type; }

static void reductions(const char *name, MPI_Datatype type, MPI_Op op, MPI_Comm comm, const char *where) {
    static char send[256], receive[256];
    int counts[8];
    char what[160];
    MPI_Request request;
    for (int k = 0; k < 8; k++) counts[k] = 3;
    memset(send, 0x11, sizeof send);
    memset(receive, 0x22, sizeof receive);
#define CASE(label, call) snprintf(what, sizeof what, "%s of %s on %s", label, name, where); expect(what, call)
    CASE("MPI_Allreduce", MPI_Allreduce(send, receive, 3, type, op, comm));
    CASE("MPI_Allreduce in place", MPI_Allreduce(MPI_IN_PLACE, receive, 3, type, op, comm));
    CASE("MPI_Reduce", MPI_Reduce(send, receive, 3, type, op, 0, comm));
    CASE("MPI_Scan", MPI_Scan(send, receive, 3, type, op, comm));
    CASE("MPI_Exscan", MPI_Exscan(send, receive, 3, type, op, comm));
    CASE("MPI_Reduce_scatter", MPI_Reduce_scatter(send, receive, counts, type, op, comm));
    CASE("MPI_Reduce_scatter_block", MPI_Reduce_scatter_block(send, receive, 3, type, op, comm));
    int code = MPI_Iallreduce(send, receive, 3, type, op, comm, &request);
    CASE("MPI_Iallreduce", code);
    if (code == MPI_SUCCESS) MPI_Wait(&request, MPI_STATUS_IGNORE);
    code = MPI_Ireduce_scatter(send, receive, counts, type, op, comm, &request);
    CASE("MPI_Ireduce_scatter", code);
    if (code == MPI_SUCCESS) MPI_Wait(&request, MPI_STATUS_IGNORE);
    for (int k = 0; k < 256; k++) {
        if (send[k] != 0x11 || receive[k] != 0x22) {
            printf("%s on %s: byte %d changed: FAILED\n", name, where, k);
            failed = 1;
            break;
        }
    }
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Datatype empty, vector, duplicate, twice, resized, viewed, element;
    MPI_Type_contiguous(0, MPI_DOUBLE, &empty);
    MPI_Type_commit(&empty);
    MPI_Type_vector(4, 0, 3, MPI_INT, &vector);
    MPI_Type_commit(&vector);
    MPI_Type_dup(empty, &duplicate);
    MPI_Type_dup(duplicate, &twice);
    MPI_Type_create_resized(vector, 0, 16, &resized);
    MPI_Type_commit(&resized);
    /* The view's filetype comes back as a copy. */
    MPI_File file;
    expect("MPI_File_open", MPI_File_open(MPI_COMM_SELF, rank == 0 ? "empty_view.0" : "empty_view.1",
                                          MPI_MODE_CREATE | MPI_MODE_RDWR | MPI_MODE_DELETE_ON_CLOSE, MPI_INFO_NULL, &file));
    expect("MPI_File_set_view", MPI_File_set_view(file, 0, MPI_BYTE, resized, "native", MPI_INFO_NULL));
    MPI_Offset displacement;
    char representation[MPI_MAX_DATAREP_STRING];
    expect("MPI_File_get_view", MPI_File_get_view(file, &displacement, &element, &viewed, representation));
    if (failed) MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Op op;
    MPI_Op_create(nothing, 1, &op);
    struct { const char *name; MPI_Datatype type; } types[] = {
        {"MPI_Type_dup of an empty contiguous", duplicate},
        {"MPI_Type_dup of that", twice},
        {"MPI_Type_create_resized of an empty vector", resized},
        {"MPI_File_get_view's filetype", viewed},
    };
    for (unsigned k = 0; k < sizeof types / sizeof types[0]; k++) {
        reductions(types[k].name, types[k].type, op, MPI_COMM_WORLD, "MPI_COMM_WORLD");
        reductions(types[k].name, types[k].type, op, MPI_COMM_SELF, "MPI_COMM_SELF");
    }
    MPI_File_close(&file);
    MPI_Op_free(&op);
    MPI_Type_free(&viewed);
    MPI_Type_free(&resized);
    MPI_Type_free(&twice);
    MPI_Type_free(&duplicate);
    MPI_Type_free(&vector);
    MPI_Type_free(&empty);
    int all = failed;
    MPI_Allreduce(&failed, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (rank == 0 && !all) printf("all ok\n");
    MPI_Finalize();
    return all;
}
