/* Allocates 1 MiB blocks until malloc fails, and says how many it got. */
#include <stdio.h>
#include <stdlib.h>

char *volatile last;

int main(void) {
    int blocks = 0;
    while (blocks < 8192) {
        char *block = malloc(1 << 20);
        if (block == NULL) break;
        block[0] = 1;
        last = block;
        blocks++;
    }
    printf("allocated %d MiB\n", blocks);
    return 0;
}
