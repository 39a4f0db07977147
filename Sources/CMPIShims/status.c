#include <mpi.h>
#include <string.h>

#include "mpiwasm_host.h"

// The bytes of the host's MPI_Status that are not MPI_SOURCE, MPI_TAG or MPI_ERROR, in order.
static int is_public(size_t offset) {
    size_t source = offsetof(MPI_Status, MPI_SOURCE), tag = offsetof(MPI_Status, MPI_TAG), error = offsetof(MPI_Status, MPI_ERROR);
    return (offset >= source && offset < source + sizeof(int)) || (offset >= tag && offset < tag + sizeof(int))
        || (offset >= error && offset < error + sizeof(int));
}

size_t mpiwasm_host_status_size(void) { return sizeof(MPI_Status); }

int mpiwasm_status_to_guest(const void *host_status, int32_t guest_status[8]) {
    const MPI_Status *status = (const MPI_Status *)host_status;
    guest_status[0] = status->MPI_SOURCE;
    guest_status[1] = status->MPI_TAG;
    guest_status[2] = status->MPI_ERROR;
    unsigned char *internal = (unsigned char *)&guest_status[3];
    size_t used = 0;
    memset(internal, 0, 5 * sizeof(int32_t));
    for (size_t offset = 0; offset < sizeof(MPI_Status); offset++) {
        if (is_public(offset)) continue;
        if (used == 5 * sizeof(int32_t)) return -1;
        internal[used++] = ((const unsigned char *)host_status)[offset];
    }
    return 0;
}

void mpiwasm_status_from_guest(const int32_t guest_status[8], void *host_status) {
    MPI_Status *status = (MPI_Status *)host_status;
    const unsigned char *internal = (const unsigned char *)&guest_status[3];
    size_t used = 0;
    for (size_t offset = 0; offset < sizeof(MPI_Status); offset++) {
        if (is_public(offset)) continue;
        if (used < 5 * sizeof(int32_t)) ((unsigned char *)host_status)[offset] = internal[used++];
    }
    status->MPI_SOURCE = guest_status[0];
    status->MPI_TAG = guest_status[1];
    status->MPI_ERROR = guest_status[2];
}
