/* Point-to-point over every predefined datatype: standard, synchronous, ready and buffered
 * sends, blocking and nonblocking, persistent requests, probe and matched probe, send-receive;
 * statuses, MPI_Get_count and MPI_Get_elements. Then the special values on MPI_INT:
 * MPI_PROC_NULL, MPI_ANY_SOURCE/MPI_ANY_TAG, MPI_STATUS(ES)_IGNORE, zero counts, truncation.
 * Every receive is posted so that no schedule can deadlock, on one rank too. */
#include "matrix.h"
#include "matrix_model.h"

#define N 5
static int right, left;
static char name[160];

/* Checks a receive from `left` with `tag`: data, status source and tag, count. */
#define EXPECT_RECEIVED(T, CLS, recv, st, tag)                                                 \
    do {                                                                                        \
        for (int i = 0; i < N; i++) {                                                           \
            T want_;                                                                            \
            MW_SET_##CLS(T, &want_, MW_DATA(left, i));                                          \
            if (!MW_EQ_##CLS(recv[i], want_)) ok = 0;                                           \
        }                                                                                       \
        int count_ = -1;                                                                        \
        if ((st) != MPI_STATUS_IGNORE) {                                                        \
            if ((st)->MPI_SOURCE != left || (st)->MPI_TAG != (tag)) ok = 0;                     \
            if (MPI_Get_count((st), datatype, &count_) != MPI_SUCCESS || count_ != N) ok = 0;  \
        }                                                                                       \
    } while (0)

/* A buffer for one buffered send of N elements, attached; detach_buffer gives it back. */
static void *attach_buffer(MPI_Datatype datatype) {
    int size = 0;
    MPI_Pack_size(N, datatype, MPI_COMM_WORLD, &size);
    size += MPI_BSEND_OVERHEAD;
    void *buffer = malloc((size_t)size);
    MPI_Buffer_attach(buffer, size);
    return buffer;
}

/* Detaches and frees the buffer; whether MPI handed back the one attached. */
static int detach_buffer(void *buffer) {
    void *detached = NULL;
    int size = 0;
    MPI_Buffer_detach(&detached, &size);
    free(buffer);
    return detached == buffer;
}

//@each type
static void p2p_@ID@(void) {
    const MPI_Datatype datatype = @MPI@;
    if (!mw_usable(datatype)) return;
    @T@ send[N], recv[N];
    MW_FILL(@T@, @CLS@, send, 0, N, mw_rank);
    MPI_Status status, statuses[4];
    MPI_Request requests[4];
    int ok;

    ok = 1; memset(recv, 0, sizeof recv);
    MPI_Isend(send, N, datatype, right, 1, MPI_COMM_WORLD, &requests[0]);
    if (MPI_Recv(recv, N, datatype, left, 1, MPI_COMM_WORLD, &status) != MPI_SUCCESS) ok = 0;
    if (MPI_Wait(&requests[0], MPI_STATUS_IGNORE) != MPI_SUCCESS || requests[0] != MPI_REQUEST_NULL) ok = 0;
    EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 1);
    mw_case("MPI_Isend MPI_Recv MPI_Wait MPI_Get_count @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    MPI_Irecv(recv, N, datatype, left, 2, MPI_COMM_WORLD, &requests[0]);
    if (MPI_Send(send, N, datatype, right, 2, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
    MPI_Wait(&requests[0], &status);
    EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 2);
    mw_case("MPI_Irecv MPI_Send @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    MPI_Irecv(recv, N, datatype, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &requests[0]);
    if (MPI_Ssend(send, N, datatype, right, 3, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
    MPI_Waitall(1, requests, statuses);
    EXPECT_RECEIVED(@T@, @CLS@, recv, &statuses[0], 3);
    mw_case("MPI_Ssend MPI_Waitall MPI_ANY_SOURCE MPI_ANY_TAG @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    MPI_Irecv(recv, N, datatype, left, 4, MPI_COMM_WORLD, &requests[0]);
    MPI_Barrier(MPI_COMM_WORLD);
    if (MPI_Rsend(send, N, datatype, right, 4, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
    int index = -1;
    MPI_Waitany(1, requests, &index, &status);
    if (index != 0) ok = 0;
    EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 4);
    mw_case("MPI_Rsend MPI_Waitany @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    {
        void *buffer = attach_buffer(datatype);
        MPI_Irecv(recv, N, datatype, left, 5, MPI_COMM_WORLD, &requests[0]);
        if (MPI_Bsend(send, N, datatype, right, 5, MPI_COMM_WORLD) != MPI_SUCCESS) ok = 0;
        int outcount = 0, indices[1];
        do { MPI_Waitsome(1, requests, &outcount, indices, statuses); } while (outcount == 0);
        EXPECT_RECEIVED(@T@, @CLS@, recv, &statuses[0], 5);
        if (!detach_buffer(buffer)) ok = 0;
    }
    mw_case("MPI_Bsend MPI_Buffer_attach MPI_Buffer_detach MPI_Waitsome MPI_Pack_size @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    if (MPI_Sendrecv(send, N, datatype, right, 6, recv, N, datatype, left, 6, MPI_COMM_WORLD, &status) != MPI_SUCCESS) ok = 0;
    EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 6);
    mw_case("MPI_Sendrecv @MPI@", ok, NULL);

    ok = 1;
    memcpy(recv, send, sizeof send);
    if (MPI_Sendrecv_replace(recv, N, datatype, right, 7, left, 7, MPI_COMM_WORLD, &status) != MPI_SUCCESS) ok = 0;
    EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 7);
    mw_case("MPI_Sendrecv_replace @MPI@", ok, NULL);

    ok = 1;
    {
        MPI_Request persistent[2];
        MPI_Send_init(send, N, datatype, right, 8, MPI_COMM_WORLD, &persistent[0]);
        MPI_Recv_init(recv, N, datatype, left, 8, MPI_COMM_WORLD, &persistent[1]);
        for (int round = 0; round < 2; round++) {
            memset(recv, 0, sizeof recv);
            MPI_Startall(2, persistent);
            MPI_Waitall(2, persistent, statuses);
            EXPECT_RECEIVED(@T@, @CLS@, recv, &statuses[1], 8);
            if (persistent[0] == MPI_REQUEST_NULL) ok = 0;
        }
        MPI_Request_free(&persistent[0]);
        MPI_Request_free(&persistent[1]);
    }
    mw_case("MPI_Send_init MPI_Recv_init MPI_Startall MPI_Request_free @MPI@", ok, NULL);

    ok = 1;
    {
        MPI_Request persistent[2];
        const char *which[3] = {"ssend", "bsend", "rsend"};
        for (int mode = 0; mode < 3; mode++) {
            void *buffer = mode == 1 ? attach_buffer(datatype) : NULL;
            memset(recv, 0, sizeof recv);
            MPI_Recv_init(recv, N, datatype, left, 9, MPI_COMM_WORLD, &persistent[1]);
            MPI_Start(&persistent[1]);
            MPI_Barrier(MPI_COMM_WORLD);
            if (mode == 0) MPI_Ssend_init(send, N, datatype, right, 9, MPI_COMM_WORLD, &persistent[0]);
            if (mode == 1) MPI_Bsend_init(send, N, datatype, right, 9, MPI_COMM_WORLD, &persistent[0]);
            if (mode == 2) MPI_Rsend_init(send, N, datatype, right, 9, MPI_COMM_WORLD, &persistent[0]);
            MPI_Start(&persistent[0]);
            int flag = 0;
            while (!flag) MPI_Testall(2, persistent, &flag, statuses);
            EXPECT_RECEIVED(@T@, @CLS@, recv, &statuses[1], 9);
            MPI_Request_free(&persistent[0]);
            MPI_Request_free(&persistent[1]);
            if (mode == 1 && !detach_buffer(buffer)) ok = 0;
            if (!ok) { snprintf(name, sizeof name, "persistent %s", which[mode]); break; }
        }
    }
    mw_case("MPI_Ssend_init MPI_Bsend_init MPI_Rsend_init MPI_Start MPI_Testall @MPI@", ok, ok ? NULL : name);

    ok = 1; memset(recv, 0, sizeof recv);
    if (!mw_host_defect("MPI_Get_elements @MPI@")) {
        MPI_Isend(send, N, datatype, right, 10, MPI_COMM_WORLD, &requests[0]);
        int elements = -1, count = -1;
        MPI_Probe(MPI_ANY_SOURCE, 10, MPI_COMM_WORLD, &status);
        MPI_Get_count(&status, datatype, &count);
        MPI_Get_elements(&status, datatype, &elements);
        MPI_Count elements_x = -1;
        MPI_Get_elements_x(&status, datatype, &elements_x);
        if (count != N || status.MPI_SOURCE != left || elements_x != elements) ok = 0;
        MPI_Recv(recv, N, datatype, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Wait(&requests[0], MPI_STATUS_IGNORE);
        EXPECT_RECEIVED(@T@, @CLS@, recv, MPI_STATUS_IGNORE, 10);
        mw_case("MPI_Probe MPI_Get_elements MPI_Get_elements_x @MPI@", ok, NULL);
        mw_value("MPI_Get_elements of 5 @MPI@", elements);
    }

    ok = 1; memset(recv, 0, sizeof recv);
    {
        MPI_Issend(send, N, datatype, right, 11, MPI_COMM_WORLD, &requests[0]);
        int flag = 0;
        MPI_Message message;
        while (!flag) MPI_Iprobe(left, 11, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
        MPI_Mprobe(left, 11, MPI_COMM_WORLD, &message, &status);
        MPI_Mrecv(recv, N, datatype, &message, &status);
        if (message != MPI_MESSAGE_NULL) ok = 0;
        MPI_Wait(&requests[0], MPI_STATUS_IGNORE);
        EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 11);
    }
    mw_case("MPI_Issend MPI_Iprobe MPI_Mprobe MPI_Mrecv @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    {
        void *buffer = attach_buffer(datatype);
        MPI_Ibsend(send, N, datatype, right, 12, MPI_COMM_WORLD, &requests[0]);
        int flag = 0;
        MPI_Message message = MPI_MESSAGE_NULL;
        while (!flag) MPI_Improbe(left, 12, MPI_COMM_WORLD, &flag, &message, MPI_STATUS_IGNORE);
        MPI_Imrecv(recv, N, datatype, &message, &requests[1]);
        int completed = 0;
        while (!completed) MPI_Test(&requests[1], &completed, &status);
        MPI_Wait(&requests[0], MPI_STATUS_IGNORE);
        if (!detach_buffer(buffer)) ok = 0;
        EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 12);
    }
    mw_case("MPI_Ibsend MPI_Improbe MPI_Imrecv MPI_Test @MPI@", ok, NULL);

    ok = 1; memset(recv, 0, sizeof recv);
    {
        MPI_Irecv(recv, N, datatype, left, 13, MPI_COMM_WORLD, &requests[0]);
        MPI_Barrier(MPI_COMM_WORLD);
        MPI_Irsend(send, N, datatype, right, 13, MPI_COMM_WORLD, &requests[1]);
        int index = -1, flag = 0, done = 0, outcount = 0, indices[2];
        while (done < 2) {
            MPI_Testany(2, requests, &index, &flag, &status);
            if (flag && index == 0) { EXPECT_RECEIVED(@T@, @CLS@, recv, &status, 13); }
            if (flag && index != MPI_UNDEFINED) done++;
            if (flag && index == MPI_UNDEFINED) break;
        }
        MPI_Testsome(2, requests, &outcount, indices, statuses);
        if (outcount != MPI_UNDEFINED) ok = 0;
    }
    mw_case("MPI_Irsend MPI_Testany MPI_Testsome MPI_UNDEFINED @MPI@", ok, NULL);
}
//@end

static void special_values(void) {
    MPI_Status status;
    int value = 42, ok = 1, count = -1;

    ok = MPI_Send(&value, 1, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD) == MPI_SUCCESS;
    status.MPI_SOURCE = status.MPI_TAG = 77;
    ok = ok && MPI_Recv(&value, 1, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD, &status) == MPI_SUCCESS;
    MPI_Get_count(&status, MPI_INT, &count);
    ok = ok && value == 42 && status.MPI_SOURCE == MPI_PROC_NULL && status.MPI_TAG == MPI_ANY_TAG && count == 0;
    mw_case("MPI_Send MPI_Recv MPI_PROC_NULL", ok, NULL);

    MPI_Request request;
    int flag = 0;
    if (!mw_host_defect("MPI_Irecv MPI_Test MPI_PROC_NULL")) {
        ok = MPI_Irecv(&value, 1, MPI_INT, MPI_PROC_NULL, 1, MPI_COMM_WORLD, &request) == MPI_SUCCESS;
        ok = ok && MPI_Test(&request, &flag, &status) == MPI_SUCCESS;
        ok = ok && flag && request == MPI_REQUEST_NULL && status.MPI_SOURCE == MPI_PROC_NULL;
        mw_case("MPI_Irecv MPI_Test MPI_PROC_NULL", ok, NULL);
    }

    int right_ = (mw_rank + 1) % mw_size, left_ = (mw_rank + mw_size - 1) % mw_size;
    ok = MPI_Sendrecv(NULL, 0, MPI_INT, right_, 2, NULL, 0, MPI_INT, left_, 2, MPI_COMM_WORLD, &status) == MPI_SUCCESS;
    MPI_Get_count(&status, MPI_INT, &count);
    ok = ok && count == 0 && status.MPI_SOURCE == left_;
    mw_case("MPI_Sendrecv zero count", ok, NULL);

    /* Truncation: five elements into a buffer of two. */
    int five[5] = {1, 2, 3, 4, 5}, two[2] = {0, 0};
    MPI_Request send;
    MPI_Isend(five, 5, MPI_INT, right_, 3, MPI_COMM_WORLD, &send);
    int rc = MPI_Recv(two, 2, MPI_INT, left_, 3, MPI_COMM_WORLD, &status);
    MPI_Wait(&send, MPI_STATUS_IGNORE);
    mw_probe("MPI_Recv truncated 5 into 2", rc);

    /* Wait and test on null requests, statuses ignored. */
    MPI_Request nulls[3] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    int index = 0, outcount = 0, indices[3];
    ok = MPI_Waitall(3, nulls, MPI_STATUSES_IGNORE) == MPI_SUCCESS;
    ok = ok && MPI_Waitany(3, nulls, &index, MPI_STATUS_IGNORE) == MPI_SUCCESS && index == MPI_UNDEFINED;
    ok = ok && MPI_Waitsome(3, nulls, &outcount, indices, MPI_STATUSES_IGNORE) == MPI_SUCCESS && outcount == MPI_UNDEFINED;
    ok = ok && MPI_Testall(3, nulls, &flag, MPI_STATUSES_IGNORE) == MPI_SUCCESS && flag;
    ok = ok && MPI_Wait(&nulls[0], &status) == MPI_SUCCESS;
    mw_case("MPI_Waitall MPI_Waitany MPI_Waitsome MPI_Testall MPI_REQUEST_NULL", ok, NULL);

    /* Cancel a receive nobody matches. */
    MPI_Irecv(&value, 1, MPI_INT, MPI_ANY_SOURCE, 999, MPI_COMM_WORLD, &request);
    MPI_Cancel(&request);
    MPI_Wait(&request, &status);
    flag = 0;
    MPI_Test_cancelled(&status, &flag);
    mw_value("MPI_Cancel MPI_Test_cancelled of an unmatched receive", flag);

    /* Request_get_status leaves the request alone. */
    MPI_Isend(&value, 1, MPI_INT, mw_rank, 4, MPI_COMM_WORLD, &request);
    MPI_Recv(&count, 1, MPI_INT, mw_rank, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    flag = 0;
    while (!flag) MPI_Request_get_status(request, &flag, &status);
    ok = request != MPI_REQUEST_NULL;
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    mw_case("MPI_Request_get_status", ok, NULL);

    /* Status setters. */
    MPI_Status_set_elements(&status, MPI_DOUBLE, 3);
    MPI_Get_elements(&status, MPI_DOUBLE, &count);
    MPI_Status_set_elements_x(&status, MPI_INT, 7);
    MPI_Count elements = 0;
    MPI_Get_elements_x(&status, MPI_INT, &elements);
    MPI_Status_set_cancelled(&status, 1);
    MPI_Test_cancelled(&status, &flag);
    mw_case("MPI_Status_set_elements MPI_Status_set_elements_x MPI_Status_set_cancelled", count == 3 && elements == 7 && flag, NULL);
}

int main(int argc, char **argv) {
    mw_begin(&argc, &argv);
    right = (mw_rank + 1) % mw_size;
    left = (mw_rank + mw_size - 1) % mw_size;
//@each type
    p2p_@ID@();
//@end
    special_values();
    return mw_end();
}
