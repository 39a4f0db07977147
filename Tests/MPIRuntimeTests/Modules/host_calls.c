/* Exercises the engine interface from the guest side: host functions that read and write
 * linear memory, take and return i64 and f64, call back into a guest export, and see the
 * memory base stay put while the module grows its memory. Exit code 0 means all held. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HOST(name) __attribute__((import_module("mpiwasm_test"), import_name(#name)))
HOST(fill) int fill(int *buffer, int count, int value);
HOST(twice_via_guest) long long twice_via_guest(long long x);
HOST(scale) double scale(double x, float factor);
HOST(base_unchanged) int base_unchanged(void);

__attribute__((export_name("twice"))) long long twice(long long x) { return 2 * x; }

int main(void) {
    int *numbers = malloc(16 * sizeof(int));
    if (fill(numbers, 16, 42) != 16) return 10;
    for (int i = 0; i < 16; i++) if (numbers[i] != 42) return 11;
    if (twice_via_guest(1LL << 40) != (1LL << 41)) return 12;
    if (scale(1.5, 4.0f) != 6.0) return 13;
    char *big = malloc(96 << 20);
    if (big == NULL) return 14;
    memset(big, 7, 96 << 20);
    if (!base_unchanged()) return 15;
    if (fill((int *)(big + (95 << 20)), 4, 9) != 4 || ((int *)(big + (95 << 20)))[3] != 9) return 16;
    return 0;
}
