/* Point-to-point beyond the basics: synchronous and ready modes, persistent requests of every
 * mode, send-receive in place, matched probes, and the completion calls that take arrays. */
#include "check.h"
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;
    MPI_Status status;

    /* Synchronous send around the ring, posted receives first. */
    int in = -1, out = rank * 10;
    MPI_Request recv;
    MPI_Irecv(&in, 1, MPI_INT, left, 1, MPI_COMM_WORLD, &recv);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Ssend(&out, 1, MPI_INT, right, 1, MPI_COMM_WORLD);
    MPI_Wait(&recv, &status);
    CHECK(in == left * 10 && status.MPI_SOURCE == left && status.MPI_TAG == 1, "ssend got %d", in);

    /* Ready send: the receive is posted before the barrier that lets the sender go. */
    in = -1;
    MPI_Irecv(&in, 1, MPI_INT, left, 2, MPI_COMM_WORLD, &recv);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Rsend(&out, 1, MPI_INT, right, 2, MPI_COMM_WORLD);
    MPI_Wait(&recv, MPI_STATUS_IGNORE);
    CHECK(in == left * 10, "rsend got %d", in);

    /* Persistent sends of every mode, started three times. */
    int buffer_size = 4 * (MPI_BSEND_OVERHEAD + (int)sizeof(int));
    char *attached = (char *)malloc(buffer_size);
    MPI_Buffer_attach(attached, buffer_size);
    int values[3] = {0}, received[3] = {0};
    MPI_Request sends[3], recvs[3];
    MPI_Bsend_init(&values[0], 1, MPI_INT, right, 10, MPI_COMM_WORLD, &sends[0]);
    MPI_Ssend_init(&values[1], 1, MPI_INT, right, 11, MPI_COMM_WORLD, &sends[1]);
    MPI_Rsend_init(&values[2], 1, MPI_INT, right, 12, MPI_COMM_WORLD, &sends[2]);
    for (int i = 0; i < 3; i++) MPI_Recv_init(&received[i], 1, MPI_INT, left, 10 + i, MPI_COMM_WORLD, &recvs[i]);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 3; i++) values[i] = rank * 100 + round * 10 + i;
        MPI_Startall(3, recvs);
        MPI_Barrier(MPI_COMM_WORLD);
        MPI_Startall(3, sends);
        int done = 0, indices[3], count;
        while (done < 3) {
            MPI_Testsome(3, recvs, &count, indices, MPI_STATUSES_IGNORE);
            if (count != MPI_UNDEFINED) done += count;
        }
        MPI_Waitall(3, sends, MPI_STATUSES_IGNORE);
        for (int i = 0; i < 3; i++) CHECK(received[i] == left * 100 + round * 10 + i, "round %d mode %d got %d", round, i, received[i]);
    }
    for (int i = 0; i < 3; i++) {
        MPI_Request_free(&sends[i]);
        MPI_Request_free(&recvs[i]);
    }
    void *detached;
    int detached_size;
    MPI_Buffer_detach(&detached, &detached_size);
    CHECK(detached == attached && detached_size == buffer_size, "buffer detached");
    free(attached);

    /* Sendrecv_replace around the ring. */
    int token = rank;
    MPI_Sendrecv_replace(&token, 1, MPI_INT, right, 3, left, 3, MPI_COMM_WORLD, &status);
    CHECK(token == left && status.MPI_SOURCE == left, "sendrecv_replace %d", token);

    /* Matched probe: find the message, learn its size, receive exactly that message. */
    int message[4] = {rank, rank + 1, rank + 2, rank + 3};
    MPI_Request send;
    MPI_Isend(message, 1 + rank % 4, MPI_INT, right, 4, MPI_COMM_WORLD, &send);
    int flag = 0, count = 0;
    MPI_Message matched;
    while (!flag) MPI_Improbe(left, 4, MPI_COMM_WORLD, &flag, &matched, &status);
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(count == 1 + left % 4, "improbe count %d", count);
    int got[4] = {-1, -1, -1, -1};
    MPI_Request mrecv;
    MPI_Imrecv(got, count, MPI_INT, &matched, &mrecv);
    CHECK(matched == MPI_MESSAGE_NULL, "imrecv consumes the message");
    MPI_Wait(&mrecv, &status);
    MPI_Wait(&send, MPI_STATUS_IGNORE);
    CHECK(got[0] == left && got[count - 1] == left + count - 1, "imrecv data %d", got[0]);

    /* Iprobe sees nothing before anything is sent; Waitany and Testany over a mixed array. */
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Iprobe(MPI_ANY_SOURCE, 99, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    CHECK(!flag, "iprobe found a message that was never sent");
    MPI_Request mixed[3];
    int a = -1, b = -1;
    MPI_Irecv(&a, 1, MPI_INT, MPI_PROC_NULL, 5, MPI_COMM_WORLD, &mixed[0]);
    MPI_Irecv(&b, 1, MPI_INT, left, 5, MPI_COMM_WORLD, &mixed[1]);
    mixed[2] = MPI_REQUEST_NULL;
    MPI_Send(&out, 1, MPI_INT, right, 5, MPI_COMM_WORLD);
    int index = -1, completed = 0;
    for (int i = 0; i < 2; i++) {
        MPI_Waitany(3, mixed, &index, &status);
        CHECK(index == 0 || index == 1, "waitany index %d", index);
        completed++;
    }
    MPI_Testany(3, mixed, &index, &flag, MPI_STATUS_IGNORE);
    CHECK(flag && index == MPI_UNDEFINED && completed == 2 && b == left * 10, "testany on inactive requests: %d %d", flag, index);

    /* A receive that nobody matches, cancelled. */
    MPI_Irecv(&a, 1, MPI_INT, left, 77, MPI_COMM_WORLD, &recv);
    MPI_Cancel(&recv);
    MPI_Wait(&recv, &status);
    int cancelled = 0;
    MPI_Test_cancelled(&status, &cancelled);
    CHECK(cancelled, "receive not cancelled");
    MPI_Request_get_status(recv, &flag, &status);
    CHECK(flag, "get_status on a null request");
    return check_finish("p2p_modes");
}
