/* POSIX calls that MPI codes (OSU, IMB, HPCG and the like) commonly make and WASI libc lacks or
 * only declares: the sysroot's overlay provides them. */
#include "check.h"
#include <getopt.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int page = getpagesize();
    CHECK(page > 0 && (page & (page - 1)) == 0, "getpagesize %d", page);
    CHECK(sysconf(_SC_PAGESIZE) > 0, "sysconf(_SC_PAGESIZE)");
    char host[256];
    memset(host, 0, sizeof host);
    CHECK(gethostname(host, sizeof host) == 0 && host[0] != '\0', "gethostname");
    void *aligned = NULL;
    CHECK(posix_memalign(&aligned, (size_t)page, 4096) == 0 && ((size_t)aligned % (size_t)page) == 0, "posix_memalign");
    free(aligned);
    struct timeval tv;
    struct timespec ts;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 0, "gettimeofday");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "clock_gettime");
    CHECK(sched_yield() == 0, "sched_yield");
    CHECK(getopt(argc, argv, "v") == -1, "getopt");
    double t0 = MPI_Wtime();
    usleep(1000);
    CHECK(MPI_Wtime() > t0, "MPI_Wtime advances");
    return check_finish("posix_compat");
}
