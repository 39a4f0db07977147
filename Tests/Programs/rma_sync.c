/* One-sided communication beyond fences: post-start-complete-wait, passive target with
 * request-based operations, get-accumulate, dynamic windows with attached memory, and the
 * window's predefined attributes. */
#include "check.h"
#include <stdlib.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    int *memory = (int *)calloc(8, sizeof(int));
    MPI_Win win;
    MPI_Win_create(memory, 8 * sizeof(int), sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    MPI_Aint *win_size;
    int *disp_unit, *model, flag;
    void *base;
    MPI_Win_get_attr(win, MPI_WIN_BASE, &base, &flag);
    CHECK(flag && base == memory, "MPI_WIN_BASE");
    MPI_Win_get_attr(win, MPI_WIN_SIZE, &win_size, &flag);
    CHECK(flag && *win_size == 8 * (MPI_Aint)sizeof(int), "MPI_WIN_SIZE %ld", flag ? (long)*win_size : -1L);
    MPI_Win_get_attr(win, MPI_WIN_DISP_UNIT, &disp_unit, &flag);
    CHECK(flag && *disp_unit == sizeof(int), "MPI_WIN_DISP_UNIT");
    MPI_Win_get_attr(win, MPI_WIN_MODEL, &model, &flag);
    CHECK(flag && (*model == MPI_WIN_UNIFIED || *model == MPI_WIN_SEPARATE), "MPI_WIN_MODEL %d", flag ? *model : -1);

    /* Post-start-complete-wait: each rank exposes to its left neighbour, accesses the right. */
    MPI_Group world, from_left, to_right;
    MPI_Comm_group(MPI_COMM_WORLD, &world);
    MPI_Group_incl(world, 1, &left, &from_left);
    MPI_Group_incl(world, 1, &right, &to_right);
    MPI_Win_post(from_left, 0, win);
    MPI_Win_start(to_right, 0, win);
    int value = rank + 100;
    MPI_Put(&value, 1, MPI_INT, right, 0, 1, MPI_INT, win);
    MPI_Win_complete(win);
    MPI_Win_wait(win);
    CHECK(memory[0] == left + 100, "pscw put got %d", memory[0]);
    MPI_Win_post(from_left, MPI_MODE_NOPUT, win);
    MPI_Win_start(to_right, 0, win);
    int fetched = -1;
    MPI_Get(&fetched, 1, MPI_INT, right, 0, 1, MPI_INT, win);
    MPI_Win_complete(win);
    flag = 0;
    while (!flag) MPI_Win_test(win, &flag);
    CHECK(fetched == rank + 100, "pscw get %d", fetched);
    MPI_Group_free(&from_left);
    MPI_Group_free(&to_right);
    MPI_Group_free(&world);

    /* Passive target: request-based put, get and accumulate, flushed. */
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Win_lock_all(0, win);
    MPI_Request requests[3];
    int put = rank * 3, got = -1, one = 1;
    MPI_Rput(&put, 1, MPI_INT, right, 1, 1, MPI_INT, win, &requests[0]);
    MPI_Raccumulate(&one, 1, MPI_INT, right, 2, 1, MPI_INT, MPI_SUM, win, &requests[1]);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    MPI_Win_flush(right, win);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Rget(&got, 1, MPI_INT, rank, 1, 1, MPI_INT, win, &requests[2]);
    MPI_Wait(&requests[2], MPI_STATUS_IGNORE);
    MPI_Win_flush_local(rank, win);
    CHECK(got == left * 3, "rget of what the left rank put: %d", got);
    int old = -1, add = 10;
    MPI_Get_accumulate(&add, 1, MPI_INT, &old, 1, MPI_INT, right, 3, 1, MPI_INT, MPI_SUM, win);
    MPI_Win_flush_all(win);
    MPI_Win_sync(win);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Win_unlock_all(win);
    MPI_Win_fence(0, win);
    CHECK(memory[2] == 1 && memory[3] == 10 && old == 0, "accumulate %d, get_accumulate %d (old %d)", memory[2], memory[3], old);
    MPI_Win_free(&win);
    free(memory);

    /* A dynamic window: memory attached after creation, addressed by MPI_Get_address. */
    MPI_Win dynamic;
    MPI_Win_create_dynamic(MPI_INFO_NULL, MPI_COMM_WORLD, &dynamic);
    int *attached = (int *)malloc(4 * sizeof(int));
    for (int i = 0; i < 4; i++) attached[i] = rank * 10 + i;
    MPI_Win_attach(dynamic, attached, 4 * sizeof(int));
    MPI_Aint address, remote;
    MPI_Get_address(&attached[2], &address);
    MPI_Sendrecv(&address, 1, MPI_AINT, left, 0, &remote, 1, MPI_AINT, right, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    int from_right = -1;
    MPI_Win_lock(MPI_LOCK_SHARED, right, 0, dynamic);
    MPI_Get(&from_right, 1, MPI_INT, right, remote, 1, MPI_INT, dynamic);
    MPI_Win_unlock(right, dynamic);
    CHECK(from_right == right * 10 + 2, "dynamic window get %d", from_right);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Win_detach(dynamic, attached);
    MPI_Win_free(&dynamic);
    free(attached);
    return check_finish("rma_sync");
}
