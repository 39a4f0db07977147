/* What MPI tells about its objects, and less common constructors: names, datatype envelopes
 * and contents, large-count queries, external32 packing, darray and hindexed-block types,
 * communicator and group comparisons, split by type, nonblocking scans, alltoallv and
 * neighbourhood w collectives (whose translated arrays must outlive the call). */
#include "check.h"
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    /* Names of communicators and datatypes. */
    MPI_Comm dup;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    MPI_Comm_set_name(dup, "mpiwasm-dup");
    char name[MPI_MAX_OBJECT_NAME];
    int length;
    MPI_Comm_get_name(dup, name, &length);
    CHECK(strcmp(name, "mpiwasm-dup") == 0 && length == 11, "comm name %s", name);
    MPI_Type_get_name(MPI_DOUBLE, name, &length);
    CHECK(strcmp(name, "MPI_DOUBLE") == 0, "type name %s", name);
    int result;
    MPI_Comm_compare(MPI_COMM_WORLD, dup, &result);
    CHECK(result == MPI_CONGRUENT, "compare world and dup: %d", result);
    MPI_Comm_compare(dup, dup, &result);
    CHECK(result == MPI_IDENT, "compare dup and itself: %d", result);

    /* Envelope and contents of a vector type. */
    MPI_Datatype vector;
    MPI_Type_vector(3, 2, 5, MPI_INT, &vector);
    int integers, addresses, datatypes, combiner;
    MPI_Type_get_envelope(vector, &integers, &addresses, &datatypes, &combiner);
    CHECK(combiner == MPI_COMBINER_VECTOR && integers == 3 && addresses == 0 && datatypes == 1, "envelope %d", combiner);
    int ints[3];
    MPI_Aint aints[1];
    MPI_Datatype types[1];
    MPI_Type_get_contents(vector, 3, 0, 1, ints, aints, types);
    CHECK(ints[0] == 3 && ints[1] == 2 && ints[2] == 5 && types[0] == MPI_INT, "contents %d %d %d", ints[0], ints[1], ints[2]);
    MPI_Count type_size, lb, extent;
    MPI_Type_size_x(vector, &type_size);
    MPI_Type_get_extent_x(vector, &lb, &extent);
    CHECK(type_size == 24 && lb == 0 && extent == 48, "size_x %lld extent_x %lld", (long long)type_size, (long long)extent);
    MPI_Status status;
    MPI_Status_set_elements_x(&status, MPI_INT, 7);
    MPI_Count elements;
    MPI_Get_elements_x(&status, MPI_INT, &elements);
    CHECK(elements == 7, "elements_x %lld", (long long)elements);
    MPI_Type_free(&vector);

    /* external32 packing is big-endian whatever the host. */
    int word = 0x01020304;
    unsigned char packed[8];
    MPI_Aint position = 0, packed_size;
    MPI_Pack_external_size("external32", 1, MPI_INT, &packed_size);
    MPI_Pack_external("external32", &word, 1, MPI_INT, packed, sizeof packed, &position);
    CHECK(packed_size == 4 && position == 4 && packed[0] == 1 && packed[3] == 4, "external32 %d %d", packed[0], packed[3]);
    int unpacked = 0;
    position = 0;
    MPI_Unpack_external("external32", packed, 4, &position, &unpacked, 1, MPI_INT);
    CHECK(unpacked == word, "unpack_external %x", unpacked);

    /* A block-distributed darray over the ranks, and an hindexed block type. */
    int gsizes[1] = {4 * size}, distribs[1] = {MPI_DISTRIBUTE_BLOCK}, dargs[1] = {MPI_DISTRIBUTE_DFLT_DARG}, psizes[1] = {size};
    MPI_Datatype darray;
    MPI_Type_create_darray(size, rank, 1, gsizes, distribs, dargs, psizes, MPI_ORDER_C, MPI_INT, &darray);
    MPI_Type_size_x(darray, &type_size);
    MPI_Type_get_true_extent_x(darray, &lb, &extent);
    CHECK(type_size == 16 && lb == rank * 16 && extent == 16, "darray size %lld lb %lld", (long long)type_size, (long long)lb);
    MPI_Type_free(&darray);
    MPI_Aint displacements[2] = {0, 16};
    MPI_Datatype blocks;
    MPI_Type_create_hindexed_block(2, 2, displacements, MPI_INT, &blocks);
    MPI_Type_commit(&blocks);
    int source[6] = {1, 2, 0, 0, 3, 4}, packed_ints[4];
    int pack_position = 0;
    MPI_Pack(source, 1, blocks, packed_ints, sizeof packed_ints, &pack_position, MPI_COMM_WORLD);
    CHECK(pack_position == 16 && packed_ints[2] == 3 && packed_ints[3] == 4, "hindexed_block pack");
    MPI_Type_free(&blocks);

    /* Groups: translate ranks between the world and a reversed group. */
    MPI_Group world_group, reversed;
    MPI_Comm_group(MPI_COMM_WORLD, &world_group);
    int *order = (int *)malloc(size * sizeof(int)), *translated = (int *)malloc(size * sizeof(int));
    for (int i = 0; i < size; i++) order[i] = size - 1 - i;
    MPI_Group_incl(world_group, size, order, &reversed);
    MPI_Group_translate_ranks(reversed, size, order, world_group, translated);
    for (int i = 0; i < size; i++) CHECK(translated[i] == i, "translate %d -> %d", order[i], translated[i]);
    MPI_Group_compare(world_group, reversed, &result);
    CHECK(result == (size == 1 ? MPI_IDENT : MPI_SIMILAR), "group compare %d", result);
    MPI_Group_free(&reversed);
    MPI_Group_free(&world_group);
    free(order);
    free(translated);

    /* Split by shared memory: one node here. */
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
    int node_size;
    MPI_Comm_size(node, &node_size);
    CHECK(node_size == size, "shared split size %d", node_size);
    MPI_Comm_free(&node);

    /* Nonblocking scans. */
    int mine = rank + 1, inclusive = 0, exclusive = 0;
    MPI_Request requests[2];
    MPI_Iscan(&mine, &inclusive, 1, MPI_INT, MPI_SUM, dup, &requests[0]);
    MPI_Iexscan(&mine, &exclusive, 1, MPI_INT, MPI_SUM, dup, &requests[1]);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
    CHECK(inclusive == (rank + 1) * (rank + 2) / 2, "iscan %d", inclusive);
    if (rank > 0) CHECK(exclusive == rank * (rank + 1) / 2, "iexscan %d", exclusive);

    /* Ialltoallv: rank r sends r+1 ints to everyone. */
    int *counts = (int *)malloc(size * sizeof(int)), *displs = (int *)malloc(size * sizeof(int));
    int *rcounts = (int *)malloc(size * sizeof(int)), *rdispls = (int *)malloc(size * sizeof(int));
    int *sendv = (int *)malloc(size * (rank + 1) * sizeof(int)), *recvv = (int *)calloc(size * size, sizeof(int));
    for (int i = 0; i < size; i++) {
        counts[i] = rank + 1;
        displs[i] = i * (rank + 1);
        rcounts[i] = i + 1;
        rdispls[i] = i * size;
        for (int k = 0; k <= rank; k++) sendv[i * (rank + 1) + k] = rank * 1000 + i;
    }
    MPI_Request request;
    MPI_Ialltoallv(sendv, counts, displs, MPI_INT, recvv, rcounts, rdispls, MPI_INT, dup, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    for (int i = 0; i < size; i++) CHECK(recvv[i * size + i] == i * 1000 + rank, "ialltoallv from %d: %d", i, recvv[i * size + i]);
    free(counts); free(displs); free(rcounts); free(rdispls); free(sendv); free(recvv);

    /* Neighbourhood w collectives on a periodic ring. */
    MPI_Comm ring;
    int dims[1] = {size}, periods[1] = {1};
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 0, &ring);
    int neighbor_counts[2] = {1, 1}, to_send[2] = {rank * 2, rank * 2 + 1}, from[2] = {-1, -1};
    MPI_Aint byte_displs[2] = {0, sizeof(int)};
    MPI_Datatype neighbor_types[2] = {MPI_INT, MPI_INT};
    MPI_Neighbor_alltoallw(to_send, neighbor_counts, byte_displs, neighbor_types, from, neighbor_counts, byte_displs, neighbor_types, ring);
    int left = (rank + size - 1) % size, right = (rank + 1) % size;
    /* With one or two ranks both neighbours are the same rank, and the two messages may be
     * matched either way (MPICH 4.0 swaps them; so may Open MPI 4.1's nonblocking form). */
    if (size > 2) CHECK(from[0] == left * 2 + 1 && from[1] == right * 2, "neighbor_alltoallw %d %d", from[0], from[1]);
    from[0] = from[1] = -1;
    MPI_Ineighbor_alltoallw(to_send, neighbor_counts, byte_displs, neighbor_types, from, neighbor_counts, byte_displs, neighbor_types, ring, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    if (size > 2) CHECK(from[0] == left * 2 + 1 && from[1] == right * 2, "ineighbor_alltoallw %d %d", from[0], from[1]);
    MPI_Comm_free(&ring);

    /* Reduce_scatter with uneven counts. */
    int *all = (int *)malloc(size * 2 * sizeof(int)), *scatter_counts = (int *)malloc(size * sizeof(int)), part[2] = {0, 0};
    for (int i = 0; i < size * 2; i++) all[i] = i;
    for (int i = 0; i < size; i++) scatter_counts[i] = i % 2 + 1;
    MPI_Reduce_scatter(all, part, scatter_counts, MPI_INT, MPI_SUM, dup);
    int first = 0;
    for (int i = 0; i < rank; i++) first += scatter_counts[i];
    CHECK(part[0] == first * size, "reduce_scatter %d", part[0]);
    free(all);
    free(scatter_counts);

    /* Types whose width depends on the platform: long and MPI_Aint are 32 bits in wasm32. */
    int long_size, aint_size, long_int_size;
    MPI_Type_size(MPI_LONG, &long_size);
    MPI_Type_size(MPI_AINT, &aint_size);
    MPI_Type_size(MPI_LONG_INT, &long_int_size);
    struct { long value; int rank; } pair_in = {(long)rank * 7, rank}, pair_out;
    CHECK(long_size == sizeof(long) && aint_size == sizeof(MPI_Aint) && long_int_size == sizeof(long) + sizeof(int),
          "sizes long %d aint %d long_int %d", long_size, aint_size, long_int_size);
    long sum = 0, mine_long = rank + 1;
    unsigned long umax = 0, umine = (unsigned long)rank;
    MPI_Allreduce(&mine_long, &sum, 1, MPI_LONG, MPI_SUM, dup);
    MPI_Allreduce(&umine, &umax, 1, MPI_UNSIGNED_LONG, MPI_MAX, dup);
    MPI_Allreduce(&pair_in, &pair_out, 1, MPI_LONG_INT, MPI_MAXLOC, dup);
    CHECK(sum == (long)size * (size + 1) / 2 && umax == (unsigned long)(size - 1), "long sum %ld, unsigned long max %lu", sum, umax);
    CHECK(pair_out.value == (long)(size - 1) * 7 && pair_out.rank == size - 1, "long_int maxloc %ld at %d", pair_out.value, pair_out.rank);

    MPI_Comm_free(&dup);
    return check_finish("introspection");
}
