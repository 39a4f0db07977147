/* Guest functions the MPI library calls, and memory it hands out: user ops on derived
 * datatypes (the library's temporaries live outside linear memory), generalized requests,
 * window keyvals, user error handlers on communicators, windows and files, error handler
 * inheritance, MPI_Alloc_mem, shared windows on one process, nonblocking w collectives. */
#include "check.h"
#include <stdlib.h>
#include <string.h>

/* Element-wise sum of pairs (a, b) laid out as a vector with a gap: only a and b count. */
static void pair_sum(void *in, void *inout, int *len, MPI_Datatype *type) {
    int size;
    MPI_Aint lb, extent;
    MPI_Type_get_extent(*type, &lb, &extent);
    MPI_Type_size(*type, &size);
    for (int i = 0; i < *len; i++) {
        int *a = (int *)((char *)in + i * extent), *b = (int *)((char *)inout + i * extent);
        b[0] += a[0];
        b[2] += a[2];
    }
    (void)size;
}

static int query_calls = 0, free_calls = 0;
static int grequest_query(void *extra, MPI_Status *status) {
    query_calls++;
    MPI_Status_set_elements(status, MPI_INT, *(int *)extra);
    MPI_Status_set_cancelled(status, 0);
    status->MPI_SOURCE = MPI_UNDEFINED;
    status->MPI_TAG = MPI_UNDEFINED;
    return MPI_SUCCESS;
}
static int grequest_free(void *extra) {
    (void)extra;
    free_calls++;
    return MPI_SUCCESS;
}
static int grequest_cancel(void *extra, int complete) {
    (void)extra; (void)complete;
    return MPI_SUCCESS;
}

static int win_deletes = 0;
static int win_delete(MPI_Win win, int keyval, void *value, void *extra) {
    (void)win; (void)keyval; (void)extra;
    win_deletes += *(int *)value;
    return MPI_SUCCESS;
}

static int comm_errors = 0, last_comm_class = 0;
static void comm_handler(MPI_Comm *comm, int *code, ...) {
    (void)comm;
    comm_errors++;
    MPI_Error_class(*code, &last_comm_class);
}
static int win_errors = 0;
static void win_handler(MPI_Win *win, int *code, ...) {
    (void)win; (void)code;
    win_errors++;
}
static int file_errors = 0;
static void file_handler(MPI_File *file, int *code, ...) {
    (void)file; (void)code;
    file_errors++;
}

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    /* A user op on a strided type: 5 pairs of (a, gap, b), gap untouched. */
    MPI_Datatype triple, pair;
    MPI_Type_contiguous(3, MPI_INT, &triple);
    MPI_Type_create_resized(triple, 0, 3 * sizeof(int), &pair);
    MPI_Type_commit(&pair);
    MPI_Op op;
    MPI_Op_create(pair_sum, 1, &op);
    int mine[15], all[15], scanned[15], local[15];
    for (int i = 0; i < 5; i++) {
        mine[3 * i] = rank + i;
        mine[3 * i + 1] = -1;
        mine[3 * i + 2] = 10 * rank;
        all[3 * i + 1] = scanned[3 * i + 1] = -7;
    }
    MPI_Allreduce(mine, all, 5, pair, op, MPI_COMM_WORLD);
    MPI_Scan(mine, scanned, 5, pair, op, MPI_COMM_WORLD);
    for (int i = 0; i < 5; i++) {
        CHECK(all[3 * i] == size * (size - 1) / 2 + size * i && all[3 * i + 2] == 10 * size * (size - 1) / 2,
              "allreduce pair %d = (%d, %d)", i, all[3 * i], all[3 * i + 2]);
        CHECK(scanned[3 * i] == rank * (rank + 1) / 2 + (rank + 1) * i, "scan pair %d = %d", i, scanned[3 * i]);
    }
    memcpy(local, mine, sizeof local);
    MPI_Reduce_local(mine, local, 5, pair, op);
    CHECK(local[0] == 2 * rank && local[2] == 20 * rank, "reduce_local (%d, %d)", local[0], local[2]);
    int reduced[15] = {0};
    MPI_Request request;
    MPI_Ireduce(mine, reduced, 5, pair, op, 0, MPI_COMM_WORLD, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    if (rank == 0) CHECK(reduced[3] == all[3], "ireduce %d vs %d", reduced[3], all[3]);
    MPI_Op_free(&op);
    MPI_Type_free(&pair);
    MPI_Type_free(&triple);

    /* A generalized request, completed at once: wait calls query, then free. */
    static int elements = 42;
    MPI_Grequest_start(grequest_query, grequest_free, grequest_cancel, &elements, &request);
    MPI_Grequest_complete(request);
    MPI_Status status;
    MPI_Wait(&request, &status);
    int count;
    MPI_Get_elements(&status, MPI_INT, &count);
    CHECK(request == MPI_REQUEST_NULL && count == 42 && query_calls == 1 && free_calls == 1,
          "grequest count %d, query %d, free %d", count, query_calls, free_calls);

    /* Window memory from MPI_Alloc_mem, a keyval whose delete function runs at MPI_Win_free. */
    int *memory;
    MPI_Alloc_mem(4 * sizeof(int), MPI_INFO_NULL, &memory);
    for (int i = 0; i < 4; i++) memory[i] = rank;
    MPI_Win win;
    MPI_Win_create(memory, 4 * sizeof(int), sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    int keyval;
    MPI_Win_create_keyval(MPI_WIN_NULL_COPY_FN, win_delete, &keyval, NULL);
    static int weight = 5;
    MPI_Win_set_attr(win, keyval, &weight);
    int *got, flag;
    MPI_Win_get_attr(win, keyval, &got, &flag);
    CHECK(flag && got == &weight, "window attribute");
    int *flavor;
    MPI_Win_get_attr(win, MPI_WIN_CREATE_FLAVOR, &flavor, &flag);
    CHECK(flag && *flavor == MPI_WIN_FLAVOR_CREATE, "flavor %d", flag ? *flavor : -1);
    MPI_Errhandler handler, current;
    MPI_Win_create_errhandler(win_handler, &handler);
    MPI_Win_set_errhandler(win, handler);
    MPI_Win_get_errhandler(win, &current);
    CHECK(current == handler, "window error handler");
    MPI_Errhandler_free(&current);
    MPI_Errhandler_free(&handler);
    MPI_Win_call_errhandler(win, MPI_ERR_OTHER);
    CHECK(win_errors == 1, "window handler calls %d", win_errors);
    MPI_Win_fence(0, win);
    int next = (rank + 1) % size, got_value = -1;
    MPI_Get(&got_value, 1, MPI_INT, next, 2, 1, MPI_INT, win);
    MPI_Win_fence(0, win);
    CHECK(got_value == next, "get from alloc_mem window %d", got_value);
    MPI_Win_free(&win);
    CHECK(win_deletes == 5, "window delete callback %d", win_deletes);
    MPI_Win_free_keyval(&keyval);
    MPI_Free_mem(memory);

    /* A shared window on one process: shared_query gives back the segment. */
    int *segment, *queried, disp_unit;
    MPI_Aint segment_size;
    MPI_Win shared;
    MPI_Win_allocate_shared(8 * sizeof(int), sizeof(int), MPI_INFO_NULL, MPI_COMM_SELF, &segment, &shared);
    MPI_Win_shared_query(shared, 0, &segment_size, &disp_unit, &queried);
    CHECK(queried == segment && segment_size == 8 * sizeof(int) && disp_unit == sizeof(int), "shared_query");
    MPI_Win_get_attr(shared, MPI_WIN_CREATE_FLAVOR, &flavor, &flag);
    CHECK(flag && *flavor == MPI_WIN_FLAVOR_SHARED, "shared flavor %d", flag ? *flavor : -1);
    MPI_Win_free(&shared);

    /* A user handler on a communicator is inherited by its duplicate and sees real errors. */
    MPI_Comm_create_errhandler(comm_handler, &handler);
    MPI_Comm parent, child;
    MPI_Comm_dup(MPI_COMM_WORLD, &parent);
    MPI_Comm_set_errhandler(parent, handler);
    MPI_Errhandler_free(&handler);
    MPI_Comm_dup(parent, &child);
    int rc = MPI_Send(&rank, 1, MPI_INT, size + 5, 0, child);
    CHECK(rc != MPI_SUCCESS && comm_errors == 1 && last_comm_class == MPI_ERR_RANK,
          "inherited handler: rc %d, calls %d, class %d", rc, comm_errors, last_comm_class);
    MPI_Comm_free(&child);
    MPI_Comm_free(&parent);

    /* A file handler set on MPI_FILE_NULL applies to MPI_File_open. */
    MPI_File_create_errhandler(file_handler, &handler);
    MPI_File_set_errhandler(MPI_FILE_NULL, handler);
    MPI_File file;
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/dir/file", argc > 1 ? argv[1] : ".");
    rc = MPI_File_open(MPI_COMM_SELF, path, MPI_MODE_RDONLY, MPI_INFO_NULL, &file);
    CHECK(rc != MPI_SUCCESS && file_errors == 1, "file handler: rc %d, calls %d", rc, file_errors);
    MPI_File_set_errhandler(MPI_FILE_NULL, MPI_ERRORS_RETURN);
    MPI_Errhandler_free(&handler);

    /* MPI_Ialltoallw: its translated datatype arrays live until the request completes. */
    int *sendw = (int *)malloc(size * sizeof(int)), *recvw = (int *)malloc(size * sizeof(int));
    int *counts = (int *)malloc(size * sizeof(int)), *displs = (int *)malloc(size * sizeof(int));
    MPI_Datatype *types = (MPI_Datatype *)malloc(size * sizeof(MPI_Datatype));
    for (int i = 0; i < size; i++) {
        sendw[i] = rank * 100 + i;
        recvw[i] = -1;
        counts[i] = 1;
        displs[i] = i * (int)sizeof(int);
        types[i] = MPI_INT;
    }
    MPI_Ialltoallw(sendw, counts, displs, types, recvw, counts, displs, types, MPI_COMM_WORLD, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    for (int i = 0; i < size; i++) CHECK(recvw[i] == i * 100 + rank, "ialltoallw from %d: %d", i, recvw[i]);
    free(sendw); free(recvw); free(counts); free(displs); free(types);

    MPI_Pcontrol(1);
    return check_finish("callbacks");
}
