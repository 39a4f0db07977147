/* WASI as the runtime sets it up: arguments, environment, a pre-opened directory, exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3 || strcmp(argv[1], "first") != 0) return 20;
    const char *greeting = getenv("GREETING");
    if (greeting == NULL || strcmp(greeting, "hello from the host") != 0) return 21;
    FILE *out = fopen("/data/note.txt", "w");
    if (out == NULL) return 22;
    fprintf(out, "%s\n", greeting);
    fclose(out);
    if (fopen("/etc/passwd", "r") != NULL) return 23;  /* outside the pre-opened directory */
    return atoi(argv[2]);
}
