/* One-sided operations outside the target's window, on 2 ranks, for windows over memory
 * (MPI_Win_create, MPI_Win_allocate; rank 1's window is larger than rank 0's) and dynamic
 * windows. Open MPI's osc pt2pt writes wherever the displacement points in the target's
 * process; the runtime must answer MPI_ERR_RMA_RANGE, as Open MPI's osc rdma does natively,
 * and leave the target's memory as it was. Prints "all ok" when every answer is right. */
#include <mpi.h>
#include <stdio.h>
#include <string.h>

static int failed = 0;

static void expect(const char *what, int rc, int cls) {
    int got = MPI_SUCCESS;
    if (rc != MPI_SUCCESS) MPI_Error_class(rc, &got);
    const char *name = got == MPI_SUCCESS ? "MPI_SUCCESS" : got == MPI_ERR_RMA_RANGE ? "MPI_ERR_RMA_RANGE" : "another class";
    printf("%s: %s (%s)\n", what, got == cls ? "ok" : "FAILED", name);
    if (got != cls) failed = 1;
}

/* Every operation with a target, at `disp` on `target` with `count` elements of `type`. */
static void operations(const char *window, MPI_Win win, int target, MPI_Aint disp, int count, MPI_Datatype type, int cls) {
    int origin[64], result[64], compare = 0;
    char what[160];
    MPI_Request request;
    memset(origin, 0x41, sizeof origin);
    MPI_Win_lock(MPI_LOCK_SHARED, target, 0, win);
#define CASE(name, call)                                                                       \
    snprintf(what, sizeof what, "%s: %s of %d at %ld on rank %d", window, name, count, (long)disp, target); \
    expect(what, call, cls)
    CASE("MPI_Put", MPI_Put(origin, count, type, target, disp, count, type, win));
    CASE("MPI_Get", MPI_Get(result, count, type, target, disp, count, type, win));
    CASE("MPI_Accumulate", MPI_Accumulate(origin, count, type, target, disp, count, type, MPI_SUM, win));
    CASE("MPI_Get_accumulate", MPI_Get_accumulate(origin, count, type, result, count, type, target, disp, count, type, MPI_SUM, win));
    int code = MPI_Rput(origin, count, type, target, disp, count, type, win, &request);
    CASE("MPI_Rput", code);
    if (code == MPI_SUCCESS) MPI_Wait(&request, MPI_STATUS_IGNORE);
    if (count == 1) {
        CASE("MPI_Fetch_and_op", MPI_Fetch_and_op(origin, result, type, target, disp, MPI_SUM, win));
        CASE("MPI_Compare_and_swap", MPI_Compare_and_swap(origin, &compare, result, type, target, disp, win));
    }
#undef CASE
    MPI_Win_unlock(target, win);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    static int memory[32]; /* rank 0 exposes 4 integers, rank 1 16 */
    int *allocated;
    MPI_Aint size = (rank == 0 ? 4 : 16) * sizeof(int);
    MPI_Win windows[2];
    MPI_Win_create(memory, size, sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &windows[0]);
    MPI_Win_allocate(size, sizeof(int), MPI_INFO_NULL, MPI_COMM_WORLD, &allocated, &windows[1]);
    memset(allocated, 0, size);
    /* An integer with a lower bound 64 bytes before it. */
    MPI_Datatype before;
    int one = 1;
    MPI_Aint minus = -64;
    MPI_Datatype ints[1] = {MPI_INT};
    MPI_Type_create_struct(1, &one, &minus, ints, &before);
    MPI_Type_commit(&before);
    const char *names[2] = {"MPI_Win_create", "MPI_Win_allocate"};
    for (int w = 0; w < 2; w++) {
        MPI_Win_set_errhandler(windows[w], MPI_ERRORS_RETURN);
        MPI_Barrier(MPI_COMM_WORLD);
        if (rank == 0) {
            operations(names[w], windows[w], 0, 3, 1, MPI_INT, MPI_SUCCESS);        /* the last integer */
            operations(names[w], windows[w], 0, 4, 1, MPI_INT, MPI_ERR_RMA_RANGE);  /* just past it */
            operations(names[w], windows[w], 0, 2, 4, MPI_INT, MPI_ERR_RMA_RANGE);  /* across the end */
            operations(names[w], windows[w], 1, 12, 4, MPI_INT, MPI_SUCCESS);      /* rank 1's is larger */
            operations(names[w], windows[w], 1, 16, 1, MPI_INT, MPI_ERR_RMA_RANGE);
            operations(names[w], windows[w], 1, 1 << 28, 1, MPI_INT, MPI_ERR_RMA_RANGE);
            operations(names[w], windows[w], 1, 2, 1, before, MPI_ERR_RMA_RANGE);  /* before its start */
            operations(names[w], windows[w], 1, 0, 0, MPI_INT, MPI_SUCCESS);       /* nothing, anywhere */
        }
        MPI_Barrier(MPI_COMM_WORLD);
    }
    /* Memory past the windows is untouched. */
    int untouched = 1;
    for (int i = rank == 0 ? 4 : 16; i < 32; i++) untouched &= memory[i] == 0;
    printf("memory past the window: %s\n", untouched ? "ok" : "FAILED");
    if (!untouched) failed = 1;

    /* A dynamic window: rank 1 attaches 16 integers; addresses are exchanged. */
    MPI_Win dynamic;
    MPI_Win_create_dynamic(MPI_INFO_NULL, MPI_COMM_WORLD, &dynamic);
    MPI_Win_set_errhandler(dynamic, MPI_ERRORS_RETURN);
    static int attached[16];
    if (rank == 1) MPI_Win_attach(dynamic, attached, sizeof attached);
    MPI_Aint address, addresses[2];
    MPI_Get_address(attached, &address);
    MPI_Allgather(&address, 1, MPI_AINT, addresses, 1, MPI_AINT, MPI_COMM_WORLD);
    if (rank == 0) {
        operations("MPI_Win_create_dynamic", dynamic, 1, addresses[1], 1, MPI_INT, MPI_SUCCESS);
        operations("MPI_Win_create_dynamic", dynamic, 1, addresses[1], 16, MPI_INT, MPI_SUCCESS);
        operations("MPI_Win_create_dynamic", dynamic, 1, (MPI_Aint)-16, 64, MPI_INT, MPI_ERR_RMA_RANGE);
        operations("MPI_Win_create_dynamic", dynamic, 1, 32, 1, before, MPI_ERR_RMA_RANGE);
        /* This process's own memory ends where linear memory ends now. */
        MPI_Aint end = (MPI_Aint)__builtin_wasm_memory_size(0) * 65536;
        operations("MPI_Win_create_dynamic", dynamic, 0, end - 2, 1, MPI_INT, MPI_ERR_RMA_RANGE);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 1) MPI_Win_detach(dynamic, attached);
    MPI_Win_free(&dynamic);
    MPI_Type_free(&before);
    MPI_Win_free(&windows[1]);
    MPI_Win_free(&windows[0]);
    int all_failed = 0;
    MPI_Allreduce(&failed, &all_failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (rank == 0) printf("%s\n", all_failed ? "FAILED" : "all ok");
    MPI_Finalize();
    return 0;
}
