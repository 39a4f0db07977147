/* mpiwasm: linked into every module `mpiwasm-sdk cc`/`c++` and the CMake toolchain build, with
 * `-Wl,--wrap=malloc -Wl,--wrap=calloc`.
 *
 * Large blocks start on a page, as glibc's do natively (it maps them, at a page plus 16 bytes).
 * WASI libc's dlmalloc places consecutive large blocks at arbitrary offsets from each other, and
 * a copy between two buffers whose offsets differ within a cache line runs slower: MPI moving
 * 1 MiB between such buffers on two ranks took 87-94 us against 81-84 us natively, and 82-87 us
 * once both start on a page (`mpiwasm-sdk bench --only p2p`, Open MPI's shared memory). Freed
 * and reallocated with the same free/realloc; small blocks are untouched. */
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);

enum { MPIWASM_LARGE_BLOCK = 128 << 10, MPIWASM_PAGE = 4096 };

void *__wrap_malloc(size_t size) {
    return size >= MPIWASM_LARGE_BLOCK ? aligned_alloc(MPIWASM_PAGE, size) : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes) || bytes < MPIWASM_LARGE_BLOCK) return __real_calloc(count, size);
    void *block = aligned_alloc(MPIWASM_PAGE, bytes);
    return block ? memset(block, 0, bytes) : block;
}
