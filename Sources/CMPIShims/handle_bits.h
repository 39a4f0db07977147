// Host handles travel between Swift and C as 64-bit patterns: C converts them to the host's
// handle types (pointers in Open MPI, ints in MPICH) and back the same way for every host.
#ifndef MPIWASM_HANDLE_BITS_H
#define MPIWASM_HANDLE_BITS_H
#include <stdint.h>

#define HANDLE(type, bits) ((type)(uintptr_t)(bits))
#define BITS(handle) ((uint64_t)(uintptr_t)(handle))
#endif
