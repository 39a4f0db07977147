/* Derived datatypes the other program leaves out: hvector, hindexed, indexed blocks,
 * duplicates, types matched by size, contiguous types of derived types, a struct described
 * with absolute addresses sent from MPI_BOTTOM, partial receives counted by elements, and
 * datatypes in collectives. */
#include "check.h"
#include <stddef.h>
#include <string.h>

struct particle {
    double position[3];
    int id;
    char tag;
};

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    /* hvector: every third double, stride in bytes. */
    double grid[12], column[4];
    for (int i = 0; i < 12; i++) grid[i] = rank * 100 + i;
    MPI_Datatype every_third;
    MPI_Type_create_hvector(4, 1, 3 * sizeof(double), MPI_DOUBLE, &every_third);
    MPI_Type_commit(&every_third);
    MPI_Sendrecv(grid, 1, every_third, right, 0, column, 4, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    for (int i = 0; i < 4; i++) CHECK(column[i] == left * 100 + 3 * i, "hvector element %d = %g", i, column[i]);

    /* A contiguous run of two of those, and its duplicate. */
    MPI_Datatype two, copy;
    MPI_Type_contiguous(2, every_third, &two);
    MPI_Type_dup(two, &copy);
    MPI_Type_commit(&copy);
    int copy_size;
    MPI_Aint lb, extent;
    MPI_Type_size(copy, &copy_size);
    MPI_Type_get_extent(copy, &lb, &extent);
    CHECK(copy_size == 8 * (int)sizeof(double) && extent == 2 * 10 * (MPI_Aint)sizeof(double), "dup size %d extent %ld", copy_size, (long)extent);
    MPI_Type_free(&copy);
    MPI_Type_free(&two);
    MPI_Type_free(&every_third);

    /* hindexed and indexed blocks on ints. */
    int source[10], gathered[6] = {0};
    for (int i = 0; i < 10; i++) source[i] = rank * 10 + i;
    int lengths[2] = {2, 1};
    MPI_Aint byte_displacements[2] = {1 * sizeof(int), 7 * sizeof(int)};
    MPI_Datatype hindexed;
    MPI_Type_create_hindexed(2, lengths, byte_displacements, MPI_INT, &hindexed);
    MPI_Type_commit(&hindexed);
    int displacements[3] = {0, 4, 8};
    MPI_Datatype blocks;
    MPI_Type_create_indexed_block(3, 1, displacements, MPI_INT, &blocks);
    MPI_Type_commit(&blocks);
    MPI_Sendrecv(source, 1, hindexed, right, 1, gathered, 3, MPI_INT, left, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Sendrecv(source, 1, blocks, right, 2, gathered + 3, 3, MPI_INT, left, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(gathered[0] == left * 10 + 1 && gathered[1] == left * 10 + 2 && gathered[2] == left * 10 + 7, "hindexed %d %d %d", gathered[0], gathered[1], gathered[2]);
    CHECK(gathered[3] == left * 10 && gathered[4] == left * 10 + 4 && gathered[5] == left * 10 + 8, "indexed_block %d %d %d", gathered[3], gathered[4], gathered[5]);

    /* Partial receive: 3 ints into room for a whole hindexed (3 ints) counts 3 elements, 1 type. */
    int part[3] = {rank, rank, rank}, landing[10] = {0}, count, elements;
    MPI_Status status;
    MPI_Sendrecv(part, 2, MPI_INT, right, 3, landing, 1, hindexed, left, 3, MPI_COMM_WORLD, &status);
    MPI_Get_count(&status, hindexed, &count);
    MPI_Get_elements(&status, hindexed, &elements);
    CHECK(count == MPI_UNDEFINED && elements == 2 && landing[1] == left && landing[2] == left, "partial receive count %d elements %d", count, elements);
    MPI_Type_free(&hindexed);
    MPI_Type_free(&blocks);

    /* Types matched by size. */
    MPI_Datatype matched;
    MPI_Type_match_size(MPI_TYPECLASS_INTEGER, 8, &matched);
    int matched_size;
    MPI_Type_size(matched, &matched_size);
    CHECK(matched_size == 8, "match_size integer 8 -> %d", matched_size);
    MPI_Type_match_size(MPI_TYPECLASS_REAL, 4, &matched);
    MPI_Type_size(matched, &matched_size);
    CHECK(matched_size == 4, "match_size real 4 -> %d", matched_size);

    /* A struct of particles, and absolute addresses from MPI_BOTTOM. */
    struct particle mine[2], theirs[2];
    memset(theirs, 0, sizeof theirs);
    for (int p = 0; p < 2; p++) {
        for (int d = 0; d < 3; d++) mine[p].position[d] = rank + p * 0.5 + d * 0.25;
        mine[p].id = rank * 2 + p;
        mine[p].tag = (char)('a' + rank);
    }
    int block_lengths[3] = {3, 1, 1};
    MPI_Aint offsets[3] = {offsetof(struct particle, position), offsetof(struct particle, id), offsetof(struct particle, tag)};
    MPI_Datatype fields[3] = {MPI_DOUBLE, MPI_INT, MPI_CHAR}, particle_raw, particle;
    MPI_Type_create_struct(3, block_lengths, offsets, fields, &particle_raw);
    MPI_Type_create_resized(particle_raw, 0, sizeof(struct particle), &particle);
    MPI_Type_commit(&particle);
    MPI_Aint first, second;
    MPI_Get_address(&mine[0], &first);
    MPI_Get_address(&mine[1], &second);
    int two_lengths[2] = {1, 1};
    MPI_Aint absolute[2] = {first, second};
    MPI_Datatype both;
    MPI_Datatype particles[2] = {particle, particle};
    MPI_Type_create_struct(2, two_lengths, absolute, particles, &both);
    MPI_Type_commit(&both);
    MPI_Sendrecv(MPI_BOTTOM, 1, both, right, 4, theirs, 2, particle, left, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(theirs[1].id == left * 2 + 1 && theirs[1].tag == 'a' + left && theirs[1].position[2] == left + 0.5 + 0.5, "struct from MPI_BOTTOM id %d", theirs[1].id);

    /* The particle type in a collective: everyone's first particle, gathered everywhere. */
    struct particle everyone[8];
    if (size <= 8) {
        MPI_Allgather(&mine[0], 1, particle, everyone, 1, particle, MPI_COMM_WORLD);
        for (int r = 0; r < size; r++) CHECK(everyone[r].id == r * 2 && everyone[r].tag == 'a' + r, "allgather particle %d", r);
    }
    MPI_Type_free(&both);
    MPI_Type_free(&particle);
    MPI_Type_free(&particle_raw);
    return check_finish("datatypes_more");
}
