/* Groups and topologies beyond the common calls: set differences and range exclusion,
 * communicators from groups, split colours of MPI_UNDEFINED, remote groups and collectives on
 * intercommunicators (MPI_ROOT, MPI_PROC_NULL roots), cartesian and graph maps, graph queries,
 * weighted distributed graphs, and the v forms of neighbourhood collectives. */
#include "check.h"
#include <stdlib.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Group world;
    MPI_Comm_group(MPI_COMM_WORLD, &world);

    /* Even ranks by range; the difference leaves the odd ones. */
    int ranges[1][3] = {{0, size - 1, 2}};
    MPI_Group evens, odds, none;
    MPI_Group_range_incl(world, 1, ranges, &evens);
    MPI_Group_difference(world, evens, &odds);
    MPI_Group_range_excl(world, 1, ranges, &none);
    int even_size, odd_size, none_size, my_rank_in_odds;
    MPI_Group_size(evens, &even_size);
    MPI_Group_size(odds, &odd_size);
    MPI_Group_size(none, &none_size);
    MPI_Group_rank(odds, &my_rank_in_odds);
    CHECK(even_size == (size + 1) / 2 && odd_size == size / 2 && none_size == odd_size, "group sizes %d %d %d", even_size, odd_size, none_size);
    CHECK(rank % 2 ? my_rank_in_odds == rank / 2 : my_rank_in_odds == MPI_UNDEFINED, "rank in odds %d", my_rank_in_odds);

    /* A communicator of the even ranks, made by them alone. */
    if (rank % 2 == 0) {
        MPI_Comm even_comm;
        MPI_Comm_create_group(MPI_COMM_WORLD, evens, 7, &even_comm);
        int even_rank;
        MPI_Comm_rank(even_comm, &even_rank);
        CHECK(even_rank == rank / 2, "create_group rank %d", even_rank);
        MPI_Comm_free(&even_comm);
    }
    MPI_Group_free(&evens);
    MPI_Group_free(&odds);
    MPI_Group_free(&none);

    /* Split with MPI_UNDEFINED: rank 0 gets no communicator. */
    MPI_Comm split;
    MPI_Comm_split(MPI_COMM_WORLD, rank == 0 ? MPI_UNDEFINED : 1, -rank, &split);
    if (rank == 0) {
        CHECK(split == MPI_COMM_NULL, "undefined colour gives MPI_COMM_NULL");
    } else {
        int split_rank;
        MPI_Comm_rank(split, &split_rank);
        CHECK(split_rank == size - 1 - rank, "keys order the split: %d", split_rank);
        MPI_Comm_free(&split);
    }

    /* An intercommunicator between the lower and upper halves, when there are two. */
    if (size >= 2) {
        int upper = rank >= size / 2;
        MPI_Comm half, inter;
        MPI_Comm_split(MPI_COMM_WORLD, upper, rank, &half);
        MPI_Intercomm_create(half, 0, MPI_COMM_WORLD, upper ? 0 : size / 2, 9, &inter);
        MPI_Group remote;
        MPI_Comm_remote_group(inter, &remote);
        int remote_size;
        MPI_Group_size(remote, &remote_size);
        CHECK(remote_size == (upper ? size / 2 : size - size / 2), "remote group size %d", remote_size);
        MPI_Group_free(&remote);
        /* Broadcast from rank 0 of the lower half to the upper half. */
        int half_rank, value = -1;
        MPI_Comm_rank(half, &half_rank);
        if (!upper) {
            if (half_rank == 0) value = 4242;
            MPI_Bcast(&value, 1, MPI_INT, half_rank == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
        } else {
            MPI_Bcast(&value, 1, MPI_INT, 0, inter);
            CHECK(value == 4242, "intercomm bcast %d", value);
        }
        /* Allreduce across: each side gets the sum of the other. */
        int sum = 0, contribution = upper ? 1 : 100;
        MPI_Allreduce(&contribution, &sum, 1, MPI_INT, MPI_SUM, inter);
        CHECK(sum == (upper ? 100 * (size / 2) : size - size / 2), "intercomm allreduce %d", sum);
        MPI_Comm_free(&inter);
        MPI_Comm_free(&half);
    }
    MPI_Group_free(&world);

    /* Maps: where a cartesian or graph topology would put this rank. */
    int dims[2] = {0, 0}, periods[2] = {1, 0}, new_rank;
    MPI_Dims_create(size, 2, dims);
    MPI_Cart_map(MPI_COMM_WORLD, 2, dims, periods, &new_rank);
    CHECK(new_rank >= 0 && new_rank < size, "cart_map %d", new_rank);
    int *index = (int *)malloc(size * sizeof(int)), *edges = (int *)malloc(2 * size * sizeof(int));
    for (int i = 0; i < size; i++) {
        index[i] = 2 * (i + 1);
        edges[2 * i] = (i + 1) % size;
        edges[2 * i + 1] = (i + size - 1) % size;
    }
    MPI_Graph_map(MPI_COMM_WORLD, size, index, edges, &new_rank);
    CHECK(new_rank >= 0 && new_rank < size, "graph_map %d", new_rank);
    MPI_Comm graph;
    MPI_Graph_create(MPI_COMM_WORLD, size, index, edges, 0, &graph);
    int *got_index = (int *)malloc(size * sizeof(int)), *got_edges = (int *)malloc(2 * size * sizeof(int));
    MPI_Graph_get(graph, size, 2 * size, got_index, got_edges);
    CHECK(got_index[size - 1] == 2 * size && got_edges[0] == edges[0] && got_edges[2 * size - 1] == edges[2 * size - 1], "graph_get");
    MPI_Comm_free(&graph);

    /* A weighted distributed graph: a directed ring, weights = source rank + 1. */
    int source = (rank + size - 1) % size, destination = (rank + 1) % size;
    int in_weight = source + 1, out_weight = rank + 1;
    MPI_Comm ring;
    MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 1, &source, &in_weight, 1, &destination, &out_weight, MPI_INFO_NULL, 0, &ring);
    int got_source = -1, got_weight = -1, got_destination = -1, got_out_weight = -1;
    MPI_Dist_graph_neighbors(ring, 1, &got_source, &got_weight, 1, &got_destination, &got_out_weight);
    CHECK(got_source == source && got_weight == source + 1 && got_destination == destination, "weighted neighbours %d %d", got_source, got_weight);
    /* Neighbourhood v collectives along the ring: each rank receives rank-of-source + 1 ints. */
    int sendbuf[8], recvbuf[8] = {0}, count_out = rank + 1, count_in = source + 1, zero = 0;
    for (int i = 0; i < 8; i++) sendbuf[i] = rank * 10 + i;
    MPI_Neighbor_allgatherv(sendbuf, count_out, MPI_INT, recvbuf, &count_in, &zero, MPI_INT, ring);
    CHECK(recvbuf[0] == source * 10 && recvbuf[count_in - 1] == source * 10 + count_in - 1, "neighbor_allgatherv %d", recvbuf[0]);
    int alltoall_in[8] = {0};
    MPI_Neighbor_alltoallv(sendbuf, &count_out, &zero, MPI_INT, alltoall_in, &count_in, &zero, MPI_INT, ring);
    CHECK(alltoall_in[count_in - 1] == source * 10 + count_in - 1, "neighbor_alltoallv %d", alltoall_in[count_in - 1]);
    int gathered = -1;
    MPI_Request request;
    MPI_Ineighbor_allgather(&rank, 1, MPI_INT, &gathered, 1, MPI_INT, ring, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    CHECK(gathered == source, "ineighbor_allgather %d", gathered);
    MPI_Comm_free(&ring);
    free(index); free(edges); free(got_index); free(got_edges);
    return check_finish("groups_topologies");
}
