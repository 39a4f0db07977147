#include "mpiwasm_host.h"

// The generated table of the host built against defines these strongly; for a host without
// one, the weak empty defaults make the runtime say so instead of failing to link.
extern const mpiwasm_host_constant mpiwasm_host_constants[];
extern const size_t mpiwasm_host_constant_count;
__attribute__((weak)) const mpiwasm_host_constant mpiwasm_host_constants[1] = {{0, 0, 0, 0}};
__attribute__((weak)) const size_t mpiwasm_host_constant_count = 0;

size_t mpiwasm_host_constants_count(void) { return mpiwasm_host_constant_count; }

const mpiwasm_host_constant *mpiwasm_host_constant_at(size_t index) {
    return index < mpiwasm_host_constant_count ? &mpiwasm_host_constants[index] : 0;
}
