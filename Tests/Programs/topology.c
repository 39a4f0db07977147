/* Topologies: cartesian, graph, distributed graph, neighbourhood collectives. */
#include "check.h"
#include <stdlib.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    int dims[2] = {0, 0}, periods[2] = {1, 0};
    MPI_Dims_create(size, 2, dims);
    CHECK(dims[0] * dims[1] == size && dims[0] >= dims[1], "dims %dx%d", dims[0], dims[1]);
    MPI_Comm cart;
    MPI_Cart_create(MPI_COMM_WORLD, 2, dims, periods, 0, &cart);
    int status;
    MPI_Topo_test(cart, &status);
    CHECK(status == MPI_CART, "topo %d", status);
    int ndims, coords[2], cart_rank;
    MPI_Cartdim_get(cart, &ndims);
    MPI_Cart_coords(cart, rank, 2, coords);
    MPI_Cart_rank(cart, coords, &cart_rank);
    CHECK(ndims == 2 && cart_rank == rank, "cart rank %d", cart_rank);
    int got_dims[2], got_periods[2], got_coords[2];
    MPI_Cart_get(cart, 2, got_dims, got_periods, got_coords);
    CHECK(got_dims[0] == dims[0] && got_periods[0] == 1 && got_periods[1] == 0 && got_coords[1] == coords[1], "cart_get");
    int source, dest;
    MPI_Cart_shift(cart, 0, 1, &source, &dest);
    int expect_dest_coords[2] = {(coords[0] + 1) % dims[0], coords[1]}, expect_dest;
    MPI_Cart_rank(cart, expect_dest_coords, &expect_dest);
    CHECK(dest == expect_dest, "shift dest %d", dest);
    MPI_Cart_shift(cart, 1, 1, &source, &dest);
    CHECK(coords[1] == dims[1] - 1 ? dest == MPI_PROC_NULL : dest != MPI_PROC_NULL, "non-periodic shift %d", dest);

    /* Row communicators. */
    int remain[2] = {0, 1};
    MPI_Comm row;
    MPI_Cart_sub(cart, remain, &row);
    int row_size;
    MPI_Comm_size(row, &row_size);
    CHECK(row_size == dims[1], "row size %d", row_size);

    /* Neighbour allgather on the cartesian grid: 4 neighbours, PROC_NULL at open edges. */
    int neighbours[4] = {-5, -5, -5, -5};
    MPI_Neighbor_allgather(&rank, 1, MPI_INT, neighbours, 1, MPI_INT, cart);
    int up, down;
    MPI_Cart_shift(cart, 0, 1, &up, &down);
    CHECK(neighbours[0] == up && neighbours[1] == down, "neighbor_allgather %d %d", neighbours[0], neighbours[1]);

    /* A ring as a graph. */
    int *index = (int *)malloc(sizeof(int) * (size_t)size), *edges = (int *)malloc(sizeof(int) * 2 * (size_t)size);
    for (int i = 0; i < size; i++) {
        index[i] = 2 * (i + 1);
        edges[2 * i] = (i + size - 1) % size;
        edges[2 * i + 1] = (i + 1) % size;
    }
    MPI_Comm graph;
    MPI_Graph_create(MPI_COMM_WORLD, size, index, edges, 0, &graph);
    int nneighbors, graph_neighbors[2], nnodes, nedges;
    MPI_Graph_neighbors_count(graph, rank, &nneighbors);
    MPI_Graph_neighbors(graph, rank, 2, graph_neighbors);
    MPI_Graphdims_get(graph, &nnodes, &nedges);
    CHECK(nneighbors == 2 && graph_neighbors[1] == (rank + 1) % size && nnodes == size && nedges == 2 * size, "graph");

    /* Distributed graph: each rank receives from its left and sends to its right. */
    int left = (rank + size - 1) % size, right = (rank + 1) % size;
    MPI_Comm dist;
    int weight = 1;
    MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 1, &left, &weight, 1, &right, &weight, MPI_INFO_NULL, 0, &dist);
    int indegree, outdegree, weighted;
    MPI_Dist_graph_neighbors_count(dist, &indegree, &outdegree, &weighted);
    CHECK(indegree == 1 && outdegree == 1 && weighted, "dist counts");
    int sources[1], source_weights[1], destinations[1], dest_weights[1];
    MPI_Dist_graph_neighbors(dist, 1, sources, source_weights, 1, destinations, dest_weights);
    CHECK(sources[0] == left && destinations[0] == right, "dist neighbours");
    int from_left = -1, send = rank * 3;
    MPI_Neighbor_alltoall(&send, 1, MPI_INT, &from_left, 1, MPI_INT, dist);
    CHECK(from_left == left * 3, "neighbor_alltoall %d", from_left);
    MPI_Request request;
    int counts[1] = {1}, displs[1] = {0};
    from_left = -1;
    MPI_Ineighbor_alltoallv(&send, counts, displs, MPI_INT, &from_left, counts, displs, MPI_INT, dist, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    CHECK(from_left == left * 3, "ineighbor_alltoallv %d", from_left);

    /* The same graph built with Dist_graph_create (each rank names its outgoing edge). */
    MPI_Comm dist2;
    int degrees[1] = {1};
    MPI_Dist_graph_create(MPI_COMM_WORLD, 1, &rank, degrees, &right, MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &dist2);
    MPI_Dist_graph_neighbors_count(dist2, &indegree, &outdegree, &weighted);
    CHECK(indegree == 1 && outdegree == 1 && !weighted, "dist_graph_create counts %d %d %d", indegree, outdegree, weighted);

    free(index); free(edges);
    MPI_Comm_free(&dist2); MPI_Comm_free(&dist); MPI_Comm_free(&graph);
    MPI_Comm_free(&row); MPI_Comm_free(&cart);
    return check_finish("topology");
}
