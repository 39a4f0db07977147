// Open MPI's components: whether the shared object of one is loaded in this process. Open MPI
// 4.1 keeps the performance variables of components it opened and unloaded again (an osc
// component not selected, say), and calls into the unloaded library when a handle is allocated
// for one of them.
#define _GNU_SOURCE
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mpiwasm_host.h"

struct component_search {
    char file[256];
    int loaded;
    char directory[4096];
};

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct component_search *search = data;
    const char *path = info->dlpi_name, *slash = strrchr(path, '/');
    if (slash == NULL || strncmp(slash + 1, "mca_", 4) != 0) return 0;
    if (strcmp(slash + 1, search->file) == 0) search->loaded = 1;
    size_t length = (size_t)(slash - path) + 1;
    if (search->directory[0] == 0 && length < sizeof search->directory) {
        memcpy(search->directory, path, length);
        search->directory[length] = 0;
    }
    return 0;
}

int mpiwasm_component_unloaded(const char *framework, const char *component) {
    struct component_search search = {.loaded = 0, .directory = ""};
    if (snprintf(search.file, sizeof search.file, "mca_%s_%s.so", framework, component) >= (int)sizeof search.file) return 0;
    dl_iterate_phdr(visit, &search);
    // Loaded, or components are not shared objects here (none is loaded from a directory).
    if (search.loaded || search.directory[0] == 0) return 0;
    char path[4096 + 256];
    snprintf(path, sizeof path, "%s%s", search.directory, search.file);
    return access(path, F_OK) == 0;
}
