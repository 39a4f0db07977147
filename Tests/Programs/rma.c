/* One-sided communication on windows in (linear) memory: fence, put, get, accumulate,
 * allocate, passive target locks, atomics, window attributes. */
#include "check.h"
#include <stdlib.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    int *memory = (int *)calloc((size_t)size, sizeof(int));
    MPI_Win win;
    MPI_Win_create(memory, (MPI_Aint)((size_t)size * sizeof(int)), sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    MPI_Win_fence(0, win);
    int value = rank + 1;
    MPI_Put(&value, 1, MPI_INT, right, rank, 1, MPI_INT, win);
    MPI_Win_fence(0, win);
    CHECK(memory[left] == left + 1, "put landed %d", memory[left]);
    int fetched = -1;
    MPI_Get(&fetched, 1, MPI_INT, right, right == 0 ? size - 1 : right - 1, 1, MPI_INT, win);
    MPI_Win_fence(0, win);
    CHECK(fetched == rank + 1, "get %d", fetched);
    MPI_Accumulate(&value, 1, MPI_INT, 0, 0, 1, MPI_INT, MPI_SUM, win);
    MPI_Win_fence(0, win);
    if (rank == 0) CHECK(memory[0] == (size == 1 ? 1 : 0) + size * (size + 1) / 2, "accumulate %d", memory[0]);

    void *base;
    int flag;
    MPI_Win_get_attr(win, MPI_WIN_BASE, &base, &flag);
    CHECK(flag && base == memory, "win_base");
    MPI_Aint *win_size;
    MPI_Win_get_attr(win, MPI_WIN_SIZE, &win_size, &flag);
    CHECK(flag && *win_size == (MPI_Aint)((size_t)size * sizeof(int)), "win_size");
    int *disp_unit;
    MPI_Win_get_attr(win, MPI_WIN_DISP_UNIT, &disp_unit, &flag);
    CHECK(flag && *disp_unit == (int)sizeof(int), "disp_unit");
    MPI_Win_free(&win);
    CHECK(win == MPI_WIN_NULL, "win not freed");

    /* MPI_Win_allocate with passive-target atomics on rank 0's counter. */
    long long *counter;
    MPI_Win_allocate(sizeof(long long), sizeof(long long), MPI_INFO_NULL, MPI_COMM_WORLD, &counter, &win);
    *counter = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    long long one = 1, previous = -1;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win);
    MPI_Fetch_and_op(&one, &previous, MPI_LONG_LONG, 0, 0, MPI_SUM, win);
    MPI_Win_unlock(0, win);
    CHECK(previous >= 0 && previous < size, "fetch_and_op %lld", previous);
    MPI_Barrier(MPI_COMM_WORLD);
    long long compare = size, swapped = -1, replacement = -7;
    MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, win);
    MPI_Compare_and_swap(&replacement, &compare, &swapped, MPI_LONG_LONG, 0, 0, win);
    MPI_Win_unlock(0, win);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) CHECK(*counter == -7, "compare_and_swap left %lld", *counter);
    MPI_Win_free(&win);

    /* Alloc_mem memory as a window. */
    double *shared;
    MPI_Alloc_mem(4 * sizeof(double), MPI_INFO_NULL, &shared);
    for (int i = 0; i < 4; i++) shared[i] = 0;
    MPI_Win_create(shared, 4 * sizeof(double), sizeof(double), MPI_INFO_NULL, MPI_COMM_WORLD, &win);
    MPI_Win_lock_all(0, win);
    double contribution = 0.5;
    MPI_Request request;
    MPI_Raccumulate(&contribution, 1, MPI_DOUBLE, 0, 1, 1, MPI_DOUBLE, MPI_SUM, win, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    MPI_Win_flush(0, win);
    MPI_Win_unlock_all(win);
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
        MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win);
        CHECK(shared[1] == 0.5 * size, "raccumulate %f", shared[1]);
        MPI_Win_unlock(0, win);
    }
    MPI_Win_free(&win);
    MPI_Free_mem(shared);
    free(memory);
    return check_finish("rma");
}
