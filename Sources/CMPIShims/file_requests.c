#include <mpi.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

// Open MPI 4.1's MPI-IO requests (ompio) do not record their file. When such an operation
// fails, MPI_Wait, MPI_Test and their array forms invoke the error handler of the request's
// object, a null file, and crash (natively too). The runtime records the file where Open MPI's
// other requests record their communicator: the offset of that field is found once, in a
// receive request on a private duplicate of MPI_COMM_SELF, as the first word holding it.

#if defined(OPEN_MPI) && OPEN_MPI
enum { SCANNED_BYTES = 256 };

static ptrdiff_t object_offset(void) {
    static ptrdiff_t offset = -2;  // -2: not looked for yet, -1: not found
    if (offset != -2) return offset;
    offset = -1;
    char byte;
    MPI_Comm private = MPI_COMM_NULL;
    MPI_Request request = MPI_REQUEST_NULL;
    if (MPI_Comm_dup(MPI_COMM_SELF, &private) != MPI_SUCCESS) return offset;
    if (MPI_Irecv(&byte, 1, MPI_CHAR, 0, 0, private, &request) == MPI_SUCCESS) {
        for (ptrdiff_t at = 0; at + (ptrdiff_t)sizeof private <= SCANNED_BYTES; at += sizeof(void *)) {
            MPI_Comm word;
            memcpy(&word, (const char *)request + at, sizeof word);
            if (word == private) { offset = at; break; }
        }
        MPI_Cancel(&request);
        MPI_Wait(&request, MPI_STATUS_IGNORE);
    }
    MPI_Comm_free(&private);
    return offset;
}

int mpiwasm_file_request_record_file(uint64_t request, uint64_t file) {
    if (request == 0 || file == 0) return 0;
    ptrdiff_t offset = object_offset();
    if (offset < 0) return 0;
    char *field = (char *)(uintptr_t)request + offset;
    void *object;
    memcpy(&object, field, sizeof object);
    if (object != NULL) return object == (void *)(uintptr_t)file;  // recorded by the host already
    void *recorded = (void *)(uintptr_t)file;
    memcpy(field, &recorded, sizeof recorded);
    return 1;
}
#else
// MPICH records the file of its MPI-IO requests itself.
int mpiwasm_file_request_record_file(uint64_t request, uint64_t file) {
    (void)request;
    (void)file;
    return 1;
}
#endif

// A request already complete with `status`: a generalized request whose query gives it back.
// (Nonblocking independent reads are made at once: Open MPI 4.1 never completed one that
// reached the end of the file.)
static int completed_query(void *extra, MPI_Status *status) {
    *status = *(const MPI_Status *)extra;
    return MPI_SUCCESS;
}

static int completed_free(void *extra) {
    free(extra);
    return MPI_SUCCESS;
}

static int completed_cancel(void *extra, int complete) {
    (void)extra;
    (void)complete;
    return MPI_SUCCESS;
}

int mpiwasm_completed_request(const void *status, uint64_t *request) {
    MPI_Status *kept = malloc(sizeof *kept);
    if (kept == NULL) return MPI_ERR_NO_MEM;
    *kept = *(const MPI_Status *)status;
    MPI_Request started;
    int rc = MPI_Grequest_start(completed_query, completed_free, completed_cancel, kept, &started);
    if (rc != MPI_SUCCESS) {
        free(kept);
        return rc;
    }
    *request = BITS(started);
    return MPI_Grequest_complete(started);
}
