/* Derived datatypes: vector, indexed, struct with absolute addresses and MPI_BOTTOM,
 * subarray, resized, pack/unpack, get_elements, envelope/contents, names. */
#include "check.h"
#include <string.h>

struct particle { int id; double x[3]; char tag; };

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int right = (rank + 1) % size, left = (rank + size - 1) % size;

    /* A column of a 4x5 row-major matrix. */
    double matrix[4][5], column[4];
    for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) matrix[i][j] = rank * 100 + i * 10 + j;
    MPI_Datatype col;
    MPI_Type_vector(4, 1, 5, MPI_DOUBLE, &col);
    MPI_Type_commit(&col);
    MPI_Sendrecv(&matrix[0][2], 1, col, right, 0, column, 4, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    for (int i = 0; i < 4; i++) CHECK(column[i] == left * 100 + i * 10 + 2, "vector[%d] = %f", i, column[i]);
    MPI_Aint lb, extent, true_lb, true_extent;
    MPI_Type_get_extent(col, &lb, &extent);
    MPI_Type_get_true_extent(col, &true_lb, &true_extent);
    CHECK(lb == 0 && extent == (MPI_Aint)(16 * sizeof(double)) && true_extent == extent, "vector extent %ld", (long)extent);
    int type_size;
    MPI_Type_size(col, &type_size);
    CHECK(type_size == 4 * (int)sizeof(double), "vector size %d", type_size);

    /* Indexed: elements 1, 3-4, 8. */
    int lengths[3] = {1, 2, 1}, displacements[3] = {1, 3, 8};
    MPI_Datatype idx;
    MPI_Type_indexed(3, lengths, displacements, MPI_INT, &idx);
    MPI_Type_commit(&idx);
    int source[10], packed[4];
    for (int i = 0; i < 10; i++) source[i] = rank * 1000 + i;
    MPI_Sendrecv(source, 1, idx, right, 1, packed, 4, MPI_INT, left, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(packed[0] == left * 1000 + 1 && packed[2] == left * 1000 + 4 && packed[3] == left * 1000 + 8, "indexed");

    /* Struct through absolute addresses and MPI_BOTTOM. */
    struct particle p = {rank, {rank + 0.5, rank + 1.5, rank + 2.5}, (char)('a' + rank)}, q;
    memset(&q, 0, sizeof q);
    MPI_Aint base, addresses[3];
    MPI_Get_address(&q, &base);
    int blocks[3] = {1, 3, 1};
    MPI_Datatype member_types[3] = {MPI_INT, MPI_DOUBLE, MPI_CHAR};
    MPI_Get_address(&p.id, &addresses[0]);
    MPI_Get_address(&p.x, &addresses[1]);
    MPI_Get_address(&p.tag, &addresses[2]);
    MPI_Datatype absolute;
    MPI_Type_create_struct(3, blocks, addresses, member_types, &absolute);
    MPI_Type_commit(&absolute);
    MPI_Aint relative[3];
    for (int i = 0; i < 3; i++) relative[i] = MPI_Aint_diff(addresses[i], addresses[0]);
    MPI_Datatype particle_type, resized;
    MPI_Type_create_struct(3, blocks, relative, member_types, &particle_type);
    MPI_Type_create_resized(particle_type, 0, (MPI_Aint)sizeof(struct particle), &resized);
    MPI_Type_commit(&resized);
    MPI_Sendrecv(MPI_BOTTOM, 1, absolute, right, 2, &q, 1, resized, left, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(q.id == left && q.x[2] == left + 2.5 && q.tag == 'a' + left, "struct got %d %f %c", q.id, q.x[2], q.tag);
    MPI_Type_get_extent(resized, &lb, &extent);
    CHECK(extent == (MPI_Aint)sizeof(struct particle), "resized extent");

    /* Subarray: the 2x2 centre of a 4x4 grid. */
    int sizes[2] = {4, 4}, subsizes[2] = {2, 2}, starts[2] = {1, 1};
    MPI_Datatype centre;
    MPI_Type_create_subarray(2, sizes, subsizes, starts, MPI_ORDER_C, MPI_INT, &centre);
    MPI_Type_commit(&centre);
    int grid[16], got[4];
    for (int i = 0; i < 16; i++) grid[i] = rank * 100 + i;
    MPI_Sendrecv(grid, 1, centre, right, 3, got, 4, MPI_INT, left, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    CHECK(got[0] == left * 100 + 5 && got[3] == left * 100 + 10, "subarray %d %d", got[0], got[3]);

    /* Pack and unpack. */
    char buffer[256];
    int position = 0, pack_size;
    MPI_Pack_size(1, col, MPI_COMM_WORLD, &pack_size);
    CHECK(pack_size >= 4 * (int)sizeof(double), "pack size %d", pack_size);
    MPI_Pack(&matrix[0][1], 1, col, buffer, (int)sizeof buffer, &position, MPI_COMM_WORLD);
    MPI_Pack(&rank, 1, MPI_INT, buffer, (int)sizeof buffer, &position, MPI_COMM_WORLD);
    double unpacked[4];
    int unpacked_rank = -1, read = 0;
    MPI_Unpack(buffer, position, &read, unpacked, 4, MPI_DOUBLE, MPI_COMM_WORLD);
    MPI_Unpack(buffer, position, &read, &unpacked_rank, 1, MPI_INT, MPI_COMM_WORLD);
    CHECK(unpacked[3] == rank * 100 + 31 && unpacked_rank == rank && read == position, "unpack");

    /* Get_elements counts basic elements of a partial receive. */
    MPI_Status status;
    MPI_Sendrecv(source, 3, MPI_INT, right, 4, packed, 1, idx, left, 4, MPI_COMM_WORLD, &status);
    int elements = -1, count = -1;
    MPI_Get_elements(&status, idx, &elements);
    MPI_Get_count(&status, idx, &count);
    CHECK(elements == 3 && count == MPI_UNDEFINED, "elements %d count %d", elements, count);

    /* Envelope and contents, names. */
    int ni, na, nd, combiner;
    MPI_Type_get_envelope(col, &ni, &na, &nd, &combiner);
    CHECK(combiner == MPI_COMBINER_VECTOR && ni == 3 && nd == 1, "envelope %d", combiner);
    int ints[3];
    MPI_Aint addrs[1];
    MPI_Datatype inner[1];
    MPI_Type_get_contents(col, 3, 0, 1, ints, addrs, inner);
    CHECK(ints[0] == 4 && ints[1] == 1 && ints[2] == 5 && inner[0] == MPI_DOUBLE, "contents");
    char name[MPI_MAX_OBJECT_NAME];
    int length;
    MPI_Type_set_name(col, "column");
    MPI_Type_get_name(col, name, &length);
    CHECK(strcmp(name, "column") == 0 && length == 6, "name %s", name);
    MPI_Type_get_name(MPI_INT, name, &length);
    CHECK(strcmp(name, "MPI_INT") == 0, "predefined name %s", name);

    MPI_Type_free(&col);
    MPI_Type_free(&idx);
    MPI_Type_free(&absolute);
    MPI_Type_free(&particle_type);
    MPI_Type_free(&resized);
    MPI_Type_free(&centre);
    CHECK(col == MPI_DATATYPE_NULL, "type not freed");
    return check_finish("datatypes");
}
