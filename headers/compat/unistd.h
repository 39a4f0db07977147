/* mpiwasm sysroot overlay of WASI libc's <unistd.h>: adds the POSIX calls that MPI codes
 * commonly use and WASI libc declares without defining (or omits). The definitions are weak,
 * so a program's own definition wins and any number of translation units link to one. */
#ifndef MPIWASM_COMPAT_UNISTD_H
#define MPIWASM_COMPAT_UNISTD_H
#include "../mpiwasm-wasi-libc/unistd.h"
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Wasm pages are 64 KiB; sysconf(_SC_PAGESIZE) already answers the same. */
int getpagesize(void);
__attribute__((weak)) int getpagesize(void) { return 65536; }

/* WASI has no host name; every rank reports the same placeholder. MPI_Get_processor_name
 * gives the real node name. */
__attribute__((weak)) int gethostname(char *name, size_t len) {
    static const char host[] = "wasm";
    if (len == 0) return -1;
    strncpy(name, host, len);
    name[len - 1] = '\0';
    return 0;
}

#ifdef __cplusplus
}
#endif
#endif
