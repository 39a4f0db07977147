/* Point-to-point: blocking, nonblocking, persistent, probe, cancel, buffered, synchronous,
 * matched probe, and the request-completion family. */
#include "check.h"
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    /* Ring with Sendrecv and a status. */
    int out = rank * 10, in = -1;
    MPI_Status status;
    CHECK_MPI(MPI_Sendrecv(&out, 1, MPI_INT, right, 7, &in, 1, MPI_INT, left, 7, MPI_COMM_WORLD, &status));
    CHECK(in == left * 10, "sendrecv got %d", in);
    CHECK(status.MPI_SOURCE == left && status.MPI_TAG == 7, "status %d/%d", status.MPI_SOURCE, status.MPI_TAG);
    int count = -1;
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(count == 1, "count %d", count);

    /* Nonblocking exchange of arrays with Waitall. */
    double send[64], recv[64];
    for (int i = 0; i < 64; i++) send[i] = rank + i * 0.5;
    MPI_Request requests[2];
    MPI_Status statuses[2];
    MPI_Irecv(recv, 64, MPI_DOUBLE, left, 1, MPI_COMM_WORLD, &requests[0]);
    MPI_Isend(send, 64, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, &requests[1]);
    CHECK_MPI(MPI_Waitall(2, requests, statuses));
    CHECK(requests[0] == MPI_REQUEST_NULL && requests[1] == MPI_REQUEST_NULL, "requests not freed");
    CHECK(recv[63] == left + 63 * 0.5, "waitall data %f", recv[63]);

    /* Persistent requests, started three times. */
    MPI_Request persistent[2];
    MPI_Send_init(&out, 1, MPI_INT, right, 2, MPI_COMM_WORLD, &persistent[0]);
    MPI_Recv_init(&in, 1, MPI_INT, left, 2, MPI_COMM_WORLD, &persistent[1]);
    for (int round = 0; round < 3; round++) {
        out = rank + round * 100;
        MPI_Startall(2, persistent);
        MPI_Waitall(2, persistent, MPI_STATUSES_IGNORE);
        CHECK(in == left + round * 100, "persistent round %d got %d", round, in);
    }
    MPI_Request_free(&persistent[0]);
    MPI_Request_free(&persistent[1]);

    /* Probe for the size, then receive. */
    if (size > 1) {
        if (rank == 0) {
            int data[5] = {1, 2, 3, 4, 5};
            MPI_Send(data, 5, MPI_INT, 1, 3, MPI_COMM_WORLD);
        } else if (rank == 1) {
            MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
            MPI_Get_count(&status, MPI_INT, &count);
            CHECK(count == 5 && status.MPI_TAG == 3, "probe count %d tag %d", count, status.MPI_TAG);
            int *data = (int *)malloc(sizeof(int) * (size_t)count);
            MPI_Recv(data, count, MPI_INT, MPI_ANY_SOURCE, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            CHECK(data[4] == 5, "probed data %d", data[4]);
            free(data);
        }
    }

    /* Cancel a receive nobody matches. */
    MPI_Request cancelled;
    MPI_Irecv(&in, 1, MPI_INT, MPI_ANY_SOURCE, 999, MPI_COMM_WORLD, &cancelled);
    MPI_Cancel(&cancelled);
    MPI_Wait(&cancelled, &status);
    int flag = 0;
    MPI_Test_cancelled(&status, &flag);
    CHECK(flag, "receive not cancelled");

    /* Buffered and synchronous sends. */
    int bufsize = 2 * (int)sizeof(int) + 2 * MPI_BSEND_OVERHEAD;
    char *buffer = (char *)malloc((size_t)bufsize);
    MPI_Buffer_attach(buffer, bufsize);
    out = rank + 1000;
    MPI_Bsend(&out, 1, MPI_INT, right, 4, MPI_COMM_WORLD);
    MPI_Recv(&in, 1, MPI_INT, left, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(in == left + 1000, "bsend got %d", in);
    void *detached;
    int detached_size;
    MPI_Buffer_detach(&detached, &detached_size);
    CHECK(detached == buffer && detached_size == bufsize, "detach returned another buffer");
    free(buffer);
    MPI_Request ssend;
    MPI_Issend(&out, 1, MPI_INT, right, 5, MPI_COMM_WORLD, &ssend);
    MPI_Recv(&in, 1, MPI_INT, left, 5, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Wait(&ssend, MPI_STATUS_IGNORE);
    CHECK(in == left + 1000, "ssend got %d", in);

    /* Matched probe and receive (the send nonblocking: a blocking send to oneself may wait for
     * its receive, as MPICH 4.0's does on one rank). */
    MPI_Message message;
    MPI_Request matched;
    MPI_Isend(&out, 1, MPI_INT, right, 6, MPI_COMM_WORLD, &matched);
    MPI_Mprobe(left, 6, MPI_COMM_WORLD, &message, &status);
    MPI_Mrecv(&in, 1, MPI_INT, &message, MPI_STATUS_IGNORE);
    MPI_Wait(&matched, MPI_STATUS_IGNORE);
    CHECK(message == MPI_MESSAGE_NULL && in == left + 1000, "mrecv got %d", in);

    /* Waitany / Waitsome / Testall over several receives. */
    int values[3] = {-1, -1, -1};
    MPI_Request many[3];
    for (int i = 0; i < 3; i++) MPI_Irecv(&values[i], 1, MPI_INT, left, 20 + i, MPI_COMM_WORLD, &many[i]);
    for (int i = 2; i >= 0; i--) {
        int v = rank * 3 + i;
        MPI_Send(&v, 1, MPI_INT, right, 20 + i, MPI_COMM_WORLD);
    }
    int index = -1, done = 0, indices[3];
    MPI_Waitany(3, many, &index, &status);
    CHECK(index >= 0 && index < 3 && status.MPI_TAG == 20 + index, "waitany index %d", index);
    done = 1;
    while (done < 3) {
        int outcount = 0;
        MPI_Waitsome(3, many, &outcount, indices, MPI_STATUSES_IGNORE);
        if (outcount == MPI_UNDEFINED) break;
        done += outcount;
    }
    MPI_Testall(3, many, &flag, MPI_STATUSES_IGNORE);
    CHECK(flag && done == 3, "waitsome completed %d", done);
    for (int i = 0; i < 3; i++) CHECK(values[i] == left * 3 + i, "value %d = %d", i, values[i]);

    /* MPI_PROC_NULL completes at once with an empty status. */
    MPI_Recv(&in, 1, MPI_INT, MPI_PROC_NULL, 0, MPI_COMM_WORLD, &status);
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(status.MPI_SOURCE == MPI_PROC_NULL && status.MPI_TAG == MPI_ANY_TAG && count == 0, "proc_null status");
    return check_finish("p2p");
}
