/* Traps in a named function, so engines can show it in the backtrace. */
__attribute__((noinline)) void explode_here(volatile int *p) { if (*p == 1) __builtin_trap(); }
int main(void) { volatile int one = 1; explode_here(&one); return 0; }
