/* Collectives over every predefined datatype and seven kinds of communicator (world, a dup, a
 * split into halves, a split with reversed ranks, self, a periodic 1-D cartesian grid, a ring
 * graph):
 * broadcast, gather, scatter, allgather, all-to-all in their blocking, nonblocking, vector (v, w)
 * and MPI_IN_PLACE forms; neighbourhood collectives on the grid. Then intercommunicators. */
#include "matrix.h"
#include "matrix_model.h"

#define N 3
#define MAX 64
#define COMMS 7
static MPI_Comm comms[COMMS];
static const char *comm_names[COMMS] = {"world", "dup", "halves", "reversed", "self", "cart", "graph"};
static char name[200];

/* Rank j's block in the vector collectives: j % 3 + 1 elements, each block after a gap of j. */
static int vcount(int j) { return j % 3 + 1; }
static int vdispl(int j) {
    int d = 0;
    for (int k = 0; k < j; k++) d += vcount(k) + k;
    return d + j;
}

static void make_comms(void) {
    comms[0] = MPI_COMM_WORLD;
    MPI_Comm_dup(MPI_COMM_WORLD, &comms[1]);
    MPI_Comm_split(MPI_COMM_WORLD, mw_rank % 2, mw_rank, &comms[2]);
    MPI_Comm_split(MPI_COMM_WORLD, 0, -mw_rank, &comms[3]);
    comms[4] = MPI_COMM_SELF;
    int dims[1] = {mw_size}, periods[1] = {1};
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 0, &comms[5]);
    /* A ring: node i's neighbours are i-1 and i+1 (itself twice on one rank). */
    int index[8], edges[16];
    for (int i = 0; i < mw_size; i++) {
        index[i] = 2 * (i + 1);
        edges[2 * i] = (i + mw_size - 1) % mw_size;
        edges[2 * i + 1] = (i + 1) % mw_size;
    }
    MPI_Graph_create(MPI_COMM_WORLD, mw_size, index, edges, 0, &comms[6]);
}

//@each type
static void coll_@ID@(MPI_Comm comm, const char *where) {
    const MPI_Datatype datatype = @MPI@;
    if (!mw_usable(datatype)) return;
    int rank, size, ok;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    const int root = size - 1;
    @T@ send[MAX], recv[MAX];
    MPI_Request request;

    ok = 1;
    for (int r = 0; r < size; r += size > 1 ? size - 1 : 1) {
        memset(recv, 0, sizeof recv);
        if (rank == r) MW_FILL(@T@, @CLS@, recv, 0, N, r);
        if (MPI_Bcast(recv, N, datatype, r, comm) != MPI_SUCCESS) ok = 0;
        MW_CHECK(@T@, @CLS@, recv, 0, N, r);
        memset(recv, 0, sizeof recv);
        if (rank == r) MW_FILL(@T@, @CLS@, recv, 0, N, r);
        MPI_Ibcast(recv, N, datatype, r, comm, &request);
        MPI_Wait(&request, MPI_STATUS_IGNORE);
        MW_CHECK(@T@, @CLS@, recv, 0, N, r);
    }
    snprintf(name, sizeof name, "MPI_Bcast MPI_Ibcast @MPI@ on %s", where);
    mw_case(name, ok, NULL);

    ok = 1;
    MW_FILL(@T@, @CLS@, send, 0, N, rank);
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        memset(recv, 0, sizeof recv);
        if (nonblocking) {
            MPI_Igather(send, N, datatype, recv, N, datatype, root, comm, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        } else if (MPI_Gather(send, N, datatype, recv, N, datatype, root, comm) != MPI_SUCCESS) ok = 0;
        if (rank == root) for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, j * N, N, j); }
    }
    /* In place at the root: its own block is already where it belongs. */
    memset(recv, 0, sizeof recv);
    if (rank == root) MW_FILL(@T@, @CLS@, recv, root * N, N, root);
    MPI_Gather(rank == root ? MPI_IN_PLACE : send, N, datatype, recv, N, datatype, root, comm);
    if (rank == root) for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, j * N, N, j); }
    snprintf(name, sizeof name, "MPI_Gather MPI_Igather MPI_IN_PLACE @MPI@ on %s", where);
    mw_case(name, ok, NULL);

    ok = 1;
    {
        int counts[8], displs[8];
        for (int j = 0; j < size; j++) { counts[j] = vcount(j); displs[j] = vdispl(j); }
        for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
            memset(recv, 0, sizeof recv);
            if (nonblocking) {
                MPI_Igatherv(send, vcount(rank), datatype, recv, counts, displs, datatype, root, comm, &request);
                MPI_Wait(&request, MPI_STATUS_IGNORE);
            } else if (MPI_Gatherv(send, vcount(rank), datatype, recv, counts, displs, datatype, root, comm) != MPI_SUCCESS) ok = 0;
            if (rank == root) for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, displs[j], counts[j], j); }
        }
        snprintf(name, sizeof name, "MPI_Gatherv MPI_Igatherv @MPI@ on %s", where);
        mw_case(name, ok, NULL);

        ok = 1;
        for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
            memset(send, 0, sizeof send);
            memset(recv, 0, sizeof recv);
            if (rank == root) for (int j = 0; j < size; j++) { MW_FILL(@T@, @CLS@, send, displs[j], counts[j], j); }
            if (nonblocking) {
                MPI_Iscatterv(send, counts, displs, datatype, recv, vcount(rank), datatype, root, comm, &request);
                MPI_Wait(&request, MPI_STATUS_IGNORE);
            } else if (MPI_Scatterv(send, counts, displs, datatype, recv, vcount(rank), datatype, root, comm) != MPI_SUCCESS) ok = 0;
            MW_CHECK(@T@, @CLS@, recv, 0, vcount(rank), rank);
        }
        snprintf(name, sizeof name, "MPI_Scatterv MPI_Iscatterv @MPI@ on %s", where);
        mw_case(name, ok, NULL);

        ok = 1;
        for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
            MW_FILL(@T@, @CLS@, send, 0, N, rank);
            memset(recv, 0, sizeof recv);
            if (nonblocking) {
                MPI_Iallgatherv(send, vcount(rank), datatype, recv, counts, displs, datatype, comm, &request);
                MPI_Wait(&request, MPI_STATUS_IGNORE);
            } else if (MPI_Allgatherv(send, vcount(rank), datatype, recv, counts, displs, datatype, comm) != MPI_SUCCESS) ok = 0;
            for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, displs[j], counts[j], j); }
        }
        snprintf(name, sizeof name, "MPI_Allgatherv MPI_Iallgatherv @MPI@ on %s", where);
        mw_case(name, ok, NULL);

        /* All-to-all with vectors: rank j sends vcount(j) elements to everyone. */
        ok = 1;
        int sendcounts[8], sdispls[8], recvcounts[8], rdispls[8], sbytes[8], rbytes[8];
        MPI_Datatype types[8];
        MPI_Aint lb, extent;
        MPI_Type_get_extent(datatype, &lb, &extent);
        for (int j = 0; j < 8; j++) {
            sendcounts[j] = vcount(rank); sdispls[j] = j * 4;
            recvcounts[j] = vcount(j); rdispls[j] = vdispl(j);
            sbytes[j] = sdispls[j] * (int)extent; rbytes[j] = rdispls[j] * (int)extent;
            types[j] = datatype;
        }
        for (int form = 0; form < 4; form++) {
            memset(send, 0, sizeof send);
            memset(recv, 0, sizeof recv);
            for (int j = 0; j < size; j++) { MW_FILL(@T@, @CLS@, send, sdispls[j], sendcounts[j], rank); }
            if (form == 0 && MPI_Alltoallv(send, sendcounts, sdispls, datatype, recv, recvcounts, rdispls, datatype, comm) != MPI_SUCCESS) ok = 0;
            if (form == 1) MPI_Ialltoallv(send, sendcounts, sdispls, datatype, recv, recvcounts, rdispls, datatype, comm, &request);
            if (form == 2 && MPI_Alltoallw(send, sendcounts, sbytes, types, recv, recvcounts, rbytes, types, comm) != MPI_SUCCESS) ok = 0;
            if (form == 3) MPI_Ialltoallw(send, sendcounts, sbytes, types, recv, recvcounts, rbytes, types, comm, &request);
            if (form % 2) MPI_Wait(&request, MPI_STATUS_IGNORE);
            for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, rdispls[j], recvcounts[j], j); }
        }
        snprintf(name, sizeof name, "MPI_Alltoallv MPI_Ialltoallv MPI_Alltoallw MPI_Ialltoallw @MPI@ on %s", where);
        mw_case(name, ok, NULL);
    }

    ok = 1;
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        memset(send, 0, sizeof send);
        memset(recv, 0, sizeof recv);
        if (rank == root) for (int j = 0; j < size; j++) { MW_FILL(@T@, @CLS@, send, j * N, N, j); }
        if (nonblocking) {
            MPI_Iscatter(send, N, datatype, recv, N, datatype, root, comm, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        } else if (MPI_Scatter(send, N, datatype, recv, N, datatype, root, comm) != MPI_SUCCESS) ok = 0;
        MW_CHECK(@T@, @CLS@, recv, 0, N, rank);
    }
    snprintf(name, sizeof name, "MPI_Scatter MPI_Iscatter @MPI@ on %s", where);
    mw_case(name, ok, NULL);

    ok = 1;
    for (int form = 0; form < 3; form++) {
        MW_FILL(@T@, @CLS@, send, 0, N, rank);
        memset(recv, 0, sizeof recv);
        if (form == 0 && MPI_Allgather(send, N, datatype, recv, N, datatype, comm) != MPI_SUCCESS) ok = 0;
        if (form == 1) {
            MPI_Iallgather(send, N, datatype, recv, N, datatype, comm, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        }
        if (form == 2) {
            MW_FILL(@T@, @CLS@, recv, rank * N, N, rank);
            MPI_Allgather(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, recv, N, datatype, comm);
        }
        for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, j * N, N, j); }
    }
    snprintf(name, sizeof name, "MPI_Allgather MPI_Iallgather MPI_IN_PLACE @MPI@ on %s", where);
    mw_case(name, ok, NULL);

    ok = 1;
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        for (int j = 0; j < size; j++) { MW_FILL(@T@, @CLS@, send, j * N, N, rank * 2 + j); }
        memset(recv, 0, sizeof recv);
        if (nonblocking) {
            MPI_Ialltoall(send, N, datatype, recv, N, datatype, comm, &request);
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        } else if (MPI_Alltoall(send, N, datatype, recv, N, datatype, comm) != MPI_SUCCESS) ok = 0;
        for (int j = 0; j < size; j++) { MW_CHECK(@T@, @CLS@, recv, j * N, N, j * 2 + rank); }
    }
    snprintf(name, sizeof name, "MPI_Alltoall MPI_Ialltoall @MPI@ on %s", where);
    mw_case(name, ok, NULL);
}

/* Neighbourhood collectives on the periodic 1-D grid: neighbours are (left, right). */
static void neighbors_@ID@(MPI_Comm cart) {
    const MPI_Datatype datatype = @MPI@;
    if (!mw_usable(datatype)) return;
    int rank, size, left, right, ok = 1;
    MPI_Comm_rank(cart, &rank);
    MPI_Comm_size(cart, &size);
    MPI_Cart_shift(cart, 0, 1, &left, &right);
    int from[2] = {left, right};
    @T@ send[MAX], recv[MAX];
    MPI_Request request;
    int counts[2] = {N, N}, displs[2] = {0, N + 1}, bytes[2], sendbytes[2];
    MPI_Datatype types[2] = {datatype, datatype};
    MPI_Aint lb, extent;
    MPI_Type_get_extent(datatype, &lb, &extent);
    bytes[0] = 0; bytes[1] = (N + 1) * (int)extent;
    sendbytes[0] = 0; sendbytes[1] = N * (int)extent;
    for (int form = 0; form < 10; form++) {
        memset(recv, 0, sizeof recv);
        /* all-to-all forms send block 0 to the left and block 1 to the right. */
        MW_FILL(@T@, @CLS@, send, 0, N, rank * 3);
        MW_FILL(@T@, @CLS@, send, N, N, rank * 3 + 1);
        int spread = form == 2 || form == 3 || form == 6 || form == 7 || form == 8 || form == 9;
        switch (form) {
        case 0: if (MPI_Neighbor_allgather(send, N, datatype, recv, N, datatype, cart) != MPI_SUCCESS) ok = 0; break;
        case 1: MPI_Ineighbor_allgather(send, N, datatype, recv, N, datatype, cart, &request); break;
        case 2: if (MPI_Neighbor_allgatherv(send, N, datatype, recv, counts, displs, datatype, cart) != MPI_SUCCESS) ok = 0; break;
        case 3: MPI_Ineighbor_allgatherv(send, N, datatype, recv, counts, displs, datatype, cart, &request); break;
        case 4: if (MPI_Neighbor_alltoall(send, N, datatype, recv, N, datatype, cart) != MPI_SUCCESS) ok = 0; break;
        case 5: MPI_Ineighbor_alltoall(send, N, datatype, recv, N, datatype, cart, &request); break;
        case 6: {
            int sdispls[2] = {0, N};
            if (MPI_Neighbor_alltoallv(send, counts, sdispls, datatype, recv, counts, displs, datatype, cart) != MPI_SUCCESS) ok = 0;
            break;
        }
        case 7: {
            int sdispls[2] = {0, N};
            MPI_Ineighbor_alltoallv(send, counts, sdispls, datatype, recv, counts, displs, datatype, cart, &request);
            break;
        }
        case 8: {
            MPI_Aint sb[2] = {sendbytes[0], sendbytes[1]}, rb[2] = {bytes[0], bytes[1]};
            if (MPI_Neighbor_alltoallw(send, counts, sb, types, recv, counts, rb, types, cart) != MPI_SUCCESS) ok = 0;
            break;
        }
        case 9: {
            MPI_Aint sb[2] = {sendbytes[0], sendbytes[1]}, rb[2] = {bytes[0], bytes[1]};
            MPI_Ineighbor_alltoallw(send, counts, sb, types, recv, counts, rb, types, cart, &request);
            break;
        }
        }
        if (form % 2) MPI_Wait(&request, MPI_STATUS_IGNORE);
        int gathered = form < 4, before = ok;
        /* With one neighbour on both sides (one or two ranks) the two blocks it sends us may
         * arrive in either order (Open MPI's nonblocking forms swap them): accept both. */
        int orders = !gathered && from[0] == from[1] ? 2 : 1, matched = 0;
        for (int order = 0; order < orders && !matched; order++) {
            ok = 1;
            for (int k = 0; k < 2; k++) {
                /* Allgather: each neighbour's block 0. All-to-all: the left neighbour's block for
                 * its right (1) and the right neighbour's block for its left (0). */
                int which = order ? 1 - k : k;
                int seed = gathered ? from[k] * 3 : from[which] * 3 + (which == 0 ? 1 : 0);
                MW_CHECK(@T@, @CLS@, recv, spread ? displs[k] : k * N, N, seed);
            }
            matched = ok;
        }
        ok = before && matched;
        if (before && !ok) snprintf(name, sizeof name, "form %d", form);
    }
    mw_case("MPI_Neighbor_allgather MPI_Neighbor_allgatherv MPI_Neighbor_alltoall MPI_Neighbor_alltoallv MPI_Neighbor_alltoallw and the MPI_Ineighbor_ forms @MPI@", ok, name);
}
//@end

/* Intercommunicator collectives between the even and the odd ranks (two ranks or more). */
static void intercommunicators(void) {
    if (mw_size < 2) return;
    MPI_Comm half, inter, merged;
    MPI_Comm_split(MPI_COMM_WORLD, mw_rank % 2, mw_rank, &half);
    /* The peer communicator matters only at the leaders: the others pass MPI_COMM_NULL. */
    int half_rank = -1;
    MPI_Comm_rank(half, &half_rank);
    MPI_Intercomm_create(half, 0, half_rank == 0 ? MPI_COMM_WORLD : MPI_COMM_NULL, mw_rank % 2 == 0 ? 1 : 0, 99, &inter);
    int flag = 0, remote = 0, local = 0, rank = 0, ok;
    MPI_Comm_test_inter(inter, &flag);
    MPI_Comm_remote_size(inter, &remote);
    MPI_Comm_size(inter, &local);
    MPI_Comm_rank(inter, &rank);
    mw_case("MPI_Intercomm_create MPI_Comm_test_inter MPI_Comm_remote_size", flag && local + remote == mw_size, NULL);

    /* Broadcast from rank 0 of the even group to the odd group. */
    int value = -1;
    int even = mw_rank % 2 == 0;
    int broadcast_root = even ? (rank == 0 ? MPI_ROOT : MPI_PROC_NULL) : 0;
    if (even && rank == 0) value = 1234;
    ok = MPI_Bcast(&value, 1, MPI_INT, broadcast_root, inter) == MPI_SUCCESS;
    if (!even && value != 1234) ok = 0;
    mw_case("MPI_Bcast on an intercommunicator MPI_ROOT MPI_PROC_NULL", ok, NULL);

    /* Allreduce: each group gets the sum over the other group. */
    int mine = mw_rank + 1, sum = 0, expect = 0;
    for (int r = 0; r < mw_size; r++) if (r % 2 != mw_rank % 2) expect += r + 1;
    ok = MPI_Allreduce(&mine, &sum, 1, MPI_INT, MPI_SUM, inter) == MPI_SUCCESS && sum == expect;
    mw_case("MPI_Allreduce on an intercommunicator", ok, NULL);

    /* Allgather: each rank gets the other group's world ranks, in their group order. */
    int others[8] = {0};
    ok = MPI_Allgather(&mw_rank, 1, MPI_INT, others, 1, MPI_INT, inter) == MPI_SUCCESS;
    for (int j = 0; j < remote; j++) if (others[j] != 2 * j + (even ? 1 : 0)) ok = 0;
    ok = ok && MPI_Barrier(inter) == MPI_SUCCESS;
    mw_case("MPI_Allgather MPI_Barrier on an intercommunicator", ok, NULL);

    MPI_Intercomm_merge(inter, even ? 0 : 1, &merged);
    int merged_rank = -1;
    MPI_Comm_rank(merged, &merged_rank);
    int expected_rank = even ? mw_rank / 2 : (mw_size + 1) / 2 + mw_rank / 2;
    mw_case("MPI_Intercomm_merge", merged_rank == expected_rank, NULL);
    MPI_Comm_free(&merged);
    MPI_Comm_free(&inter);
    MPI_Comm_free(&half);
}

int main(int argc, char **argv) {
    mw_begin(&argc, &argv);
    make_comms();
    for (int c = 0; c < COMMS; c++) {
//@each type
        coll_@ID@(comms[c], comm_names[c]);
//@end
    }
//@each type
    neighbors_@ID@(comms[5]);
//@end
    int ok = MPI_Barrier(MPI_COMM_WORLD) == MPI_SUCCESS;
    MPI_Request request;
    ok = ok && MPI_Ibarrier(comms[2], &request) == MPI_SUCCESS && MPI_Wait(&request, MPI_STATUS_IGNORE) == MPI_SUCCESS;
    mw_case("MPI_Barrier MPI_Ibarrier", ok, NULL);
    intercommunicators();
    for (int c = 1; c < COMMS; c++) if (c != 4) MPI_Comm_free(&comms[c]);
    return mw_end();
}
