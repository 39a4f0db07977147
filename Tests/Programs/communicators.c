/* Communicators, groups and intercommunicators. */
#include "check.h"
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    /* Split into even and odd ranks, ordered by descending rank. */
    MPI_Comm half;
    MPI_Comm_split(MPI_COMM_WORLD, rank % 2, -rank, &half);
    int half_rank, half_size;
    MPI_Comm_rank(half, &half_rank);
    MPI_Comm_size(half, &half_size);
    CHECK(half_size == (size + 1 - rank % 2) / 2, "split size %d", half_size);
    int sum = 0;
    MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, half);
    int expected = 0;
    for (int r = rank % 2; r < size; r += 2) expected += r;
    CHECK(sum == expected, "split sum %d", sum);

    /* Dup, compare, names. */
    MPI_Comm dup;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup);
    int result;
    MPI_Comm_compare(MPI_COMM_WORLD, dup, &result);
    CHECK(result == MPI_CONGRUENT, "compare %d", result);
    MPI_Comm_compare(MPI_COMM_WORLD, MPI_COMM_WORLD, &result);
    CHECK(result == MPI_IDENT, "compare ident %d", result);
    MPI_Comm_set_name(dup, "duplicate");
    char name[MPI_MAX_OBJECT_NAME];
    int length;
    MPI_Comm_get_name(dup, name, &length);
    CHECK(strcmp(name, "duplicate") == 0, "name %s", name);
    MPI_Comm_get_name(MPI_COMM_WORLD, name, &length);
    CHECK(strcmp(name, "MPI_COMM_WORLD") == 0, "world name %s", name);

    /* Groups: incl, excl, range, translate, union, intersection, compare. */
    MPI_Group world, evens, odds, both, none, ranged;
    MPI_Comm_group(MPI_COMM_WORLD, &world);
    int even_ranks[64], n_even = 0;
    for (int r = 0; r < size; r += 2) even_ranks[n_even++] = r;
    MPI_Group_incl(world, n_even, even_ranks, &evens);
    MPI_Group_excl(world, n_even, even_ranks, &odds);
    int group_size;
    MPI_Group_size(odds, &group_size);
    CHECK(group_size == size - n_even, "excl size %d", group_size);
    int ranges[1][3] = {{0, size - 1, 2}};
    MPI_Group_range_incl(world, 1, ranges, &ranged);
    MPI_Group_compare(evens, ranged, &result);
    CHECK(result == MPI_IDENT, "range_incl compare %d", result);
    MPI_Group_union(evens, odds, &both);
    MPI_Group_compare(world, both, &result);
    CHECK(size <= 2 ? result == MPI_IDENT : result == MPI_SIMILAR, "union compare %d", result);
    MPI_Group_intersection(evens, odds, &none);
    MPI_Group_size(none, &group_size);
    CHECK(group_size == 0 && (none == MPI_GROUP_EMPTY || group_size == 0), "intersection size %d", group_size);
    int translated[64];
    MPI_Group_translate_ranks(evens, n_even, (int[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, world, translated);
    for (int i = 0; i < n_even; i++) CHECK(translated[i] == 2 * i, "translate %d -> %d", i, translated[i]);
    int group_rank;
    MPI_Group_rank(evens, &group_rank);
    CHECK(rank % 2 ? group_rank == MPI_UNDEFINED : group_rank == rank / 2, "group rank %d", group_rank);

    /* Comm_create from a group: only evens get a communicator. */
    MPI_Comm even_comm;
    MPI_Comm_create(MPI_COMM_WORLD, evens, &even_comm);
    CHECK((rank % 2 == 0) == (even_comm != MPI_COMM_NULL), "comm_create membership");
    if (even_comm != MPI_COMM_NULL) MPI_Comm_free(&even_comm);

    /* Intercommunicator between evens and odds, then merged back. */
    if (size >= 2) {
        /* Each half's leader (its rank 0) is its highest world rank, as the split ordered them. */
        int highest_even = (size - 1) % 2 == 0 ? size - 1 : size - 2;
        int highest_odd = (size - 1) % 2 == 1 ? size - 1 : size - 2;
        MPI_Comm inter, merged;
        MPI_Intercomm_create(half, 0, MPI_COMM_WORLD, rank % 2 ? highest_even : highest_odd, 11, &inter);
        int flag, remote;
        MPI_Comm_test_inter(inter, &flag);
        MPI_Comm_remote_size(inter, &remote);
        CHECK(flag && remote == size - half_size, "intercomm remote size %d", remote);
        /* Broadcast across: rank 0 of the evens sends to all odds. */
        int token = -1;
        if (rank % 2 == 0) {
            token = 77;
            MPI_Bcast(&token, 1, MPI_INT, half_rank == 0 ? MPI_ROOT : MPI_PROC_NULL, inter);
        } else {
            MPI_Bcast(&token, 1, MPI_INT, 0, inter);
            CHECK(token == 77, "intercomm bcast %d", token);
        }
        MPI_Intercomm_merge(inter, rank % 2, &merged);
        int merged_size, merged_rank;
        MPI_Comm_size(merged, &merged_size);
        MPI_Comm_rank(merged, &merged_rank);
        CHECK(merged_size == size, "merged size %d", merged_size);
        CHECK(rank % 2 ? merged_rank >= (size + 1) / 2 : merged_rank < (size + 1) / 2, "merged rank %d", merged_rank);
        MPI_Comm_free(&merged);
        MPI_Comm_free(&inter);
    }

    /* Nonblocking dup and split_type. */
    MPI_Comm idup, shared;
    MPI_Request request;
    MPI_Comm_idup(MPI_COMM_WORLD, &idup, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    MPI_Comm_split_type(idup, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &shared);
    int shared_size;
    MPI_Comm_size(shared, &shared_size);
    CHECK(shared_size >= 1 && shared_size <= size, "split_type size %d", shared_size);

    MPI_Comm_free(&shared);
    MPI_Comm_free(&idup);
    MPI_Group_free(&world); MPI_Group_free(&evens); MPI_Group_free(&odds);
    MPI_Group_free(&both); MPI_Group_free(&ranged);
    if (none != MPI_GROUP_EMPTY) MPI_Group_free(&none);
    MPI_Comm_free(&dup);
    MPI_Comm_free(&half);
    CHECK(half == MPI_COMM_NULL, "comm not freed");
    return check_finish("communicators");
}
