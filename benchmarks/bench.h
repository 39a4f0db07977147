/* Shared by the benchmarks: results as CSV lines `benchmark,row,x,value,unit` on rank 0, which
 * `mpiwasm-sdk bench` collects from the native and the wasm build alike. */
#ifndef MPIWASM_BENCH_H
#define MPIWASM_BENCH_H
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static int bench_rank(void) {
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

static void bench_result(const char *benchmark, const char *row, long x, double value, const char *unit) {
    if (bench_rank() == 0) printf("%s,%s,%ld,%.6g,%s\n", benchmark, row, x, value, unit);
}

/* Repetitions for a message of `bytes`: many for small messages, fewer for large ones. */
static int bench_iterations(long bytes, int small) {
    if (bytes <= 8192) return small;
    long n = small * 8192L / bytes;
    return n < 20 ? 20 : (int)n;
}
#endif
