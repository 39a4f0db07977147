/* What the fuzz harness found on MPICH 4.0 (crashes natively too), run on both hosts: the
 * answers must be Open MPI's. Prints one line per case and "all ok" at the end. */
#include <mpi.h>
#include <stdio.h>
#include <string.h>

static int failed;

static void expect(const char *what, int rc, int expected) {
    printf("%s: %s (%d, expected %d)\n", what, rc == expected ? "ok" : "FAILED", rc, expected);
    if (rc != expected) failed = 1;
}

int main(int argc, char **argv) {
    int provided = 0, count = 0;
    MPI_Init(&argc, &argv);
    expect("MPI_T_cvar_get_num before MPI_T_init_thread", MPI_T_cvar_get_num(&count), MPI_T_ERR_NOT_INITIALIZED);
    expect("MPI_T_finalize before MPI_T_init_thread", MPI_T_finalize(), MPI_T_ERR_NOT_INITIALIZED);
    for (int round = 1; round <= 3; round++) {
        expect("MPI_T_init_thread", MPI_T_init_thread(MPI_THREAD_SINGLE, &provided), MPI_SUCCESS);
        expect("MPI_T_init_thread nested", MPI_T_init_thread(MPI_THREAD_SINGLE, &provided), MPI_SUCCESS);
        expect("MPI_T_finalize of the nested one", MPI_T_finalize(), MPI_SUCCESS);
        count = 0;
        expect("MPI_T_cvar_get_num", MPI_T_cvar_get_num(&count), MPI_SUCCESS);
        printf("control variables in round %d: %s\n", round, count > 0 ? "some" : "FAILED, none");
        if (count <= 0) failed = 1;
        expect("MPI_T_category_get_num", MPI_T_category_get_num(&count), MPI_SUCCESS);
        expect("MPI_T_finalize", MPI_T_finalize(), MPI_SUCCESS);
        expect("MPI_T_pvar_get_num after it", MPI_T_pvar_get_num(&count), MPI_T_ERR_NOT_INITIALIZED);
        expect("MPI_T_finalize once more", MPI_T_finalize(), MPI_T_ERR_NOT_INITIALIZED);
    }

    /* External packing of a datatype of size 0: MPICH crashes (SIGILL) for any count; the
     * runtime answers as Open MPI does, nothing packed. */
    MPI_Datatype empty_types[2];
    int displacements[1] = {0};
    MPI_Type_contiguous(0, MPI_INT, &empty_types[0]);
    MPI_Type_create_indexed_block(0, 7, displacements, MPI_INT, &empty_types[1]);
    int values[4] = {1, 2, 3, 4};
    char packed[16];
    for (int t = 0; t < 2; t++) {
        MPI_Type_commit(&empty_types[t]);
        MPI_Aint size = -1, position = 3;
        expect("MPI_Pack_external_size of an empty type", MPI_Pack_external_size("external32", 7, empty_types[t], &size), MPI_SUCCESS);
        expect("its size", (int)size, 0);
        expect("MPI_Pack_external of an empty type", MPI_Pack_external("external32", values, 4, empty_types[t], packed, sizeof packed, &position), MPI_SUCCESS);
        expect("MPI_Unpack_external of an empty type", MPI_Unpack_external("external32", packed, sizeof packed, &position, values, 4, empty_types[t]), MPI_SUCCESS);
        expect("the position after both", (int)position, 3);
        MPI_Type_free(&empty_types[t]);
    }

    /* Packing past the buffer's size: MPICH packed 16 bytes into a buffer of 1 (past the
     * checked buffer; at the end of linear memory, outside it) and asserted unpacking from too
     * few bytes; Open MPI answers MPI_ERR_TRUNCATE, as the runtime does. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int error_class = -1;
    memset(packed, 0x55, sizeof packed);
    MPI_Aint position = 0;
    MPI_Error_class(MPI_Pack_external("external32", values, 4, MPI_INT, packed, 1, &position), &error_class);
    expect("MPI_Pack_external of 16 bytes into 1", error_class, MPI_ERR_TRUNCATE);
    expect("the byte after that one (0x55, untouched)", packed[1], 0x55);
    expect("MPI_Pack_external of 16 bytes into 16", MPI_Pack_external("external32", values, 4, MPI_INT, packed, 16, &position), MPI_SUCCESS);
    int unpacked[4] = {0};
    position = 0;
    MPI_Error_class(MPI_Unpack_external("external32", packed, 15, &position, unpacked, 4, MPI_INT), &error_class);
    expect("MPI_Unpack_external of 16 bytes from 15", error_class, MPI_ERR_TRUNCATE);
    expect("MPI_Unpack_external of 16 bytes from 16", MPI_Unpack_external("external32", packed, 16, &position, unpacked, 4, MPI_INT), MPI_SUCCESS);
    expect("the last value unpacked", unpacked[3], 4);
    /* A type MPICH cannot represent in external32 (its external size is 0): it asserts packing
     * it; the runtime answers MPI_ERR_TYPE there (Open MPI packs it). */
    struct { double d; int i; } pairs[2] = {{1.5, 2}, {3.5, 4}};
    char pair_bytes[64];
    MPI_Aint pair_size = 0;
    position = 0;
    MPI_Pack_external_size("external32", 2, MPI_DOUBLE_INT, &pair_size);
    int pair_rc = MPI_Pack_external("external32", pairs, 2, MPI_DOUBLE_INT, pair_bytes, sizeof pair_bytes, &position);
    MPI_Error_class(pair_rc, &error_class);
    expect("MPI_Pack_external of MPI_DOUBLE_INT", error_class, pair_size == 0 ? MPI_ERR_TYPE : MPI_SUCCESS);
    int native_position = 0;
    MPI_Error_class(MPI_Unpack(packed, 1, &native_position, unpacked, 4, MPI_INT, MPI_COMM_WORLD), &error_class);
    expect("MPI_Unpack of 4 ints from 1 byte", error_class, MPI_ERR_TRUNCATE);

    /* Topologies: a distributed graph naming a rank outside its communicator (MPICH asserts)
     * and MPI_Dims_create of 0 nodes (MPICH hangs): Open MPI's MPI_ERR_ARG and MPI_ERR_DIMS. */
    int outside[1] = {5000}, degree[1] = {1}, zero[1] = {0};
    MPI_Comm graph;
    MPI_Error_class(MPI_Dist_graph_create(MPI_COMM_WORLD, 1, outside, degree, zero, MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &graph), &error_class);
    expect("MPI_Dist_graph_create with a source outside", error_class, MPI_ERR_ARG);
    MPI_Error_class(MPI_Dist_graph_create(MPI_COMM_WORLD, 1, zero, degree, outside, MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &graph), &error_class);
    expect("MPI_Dist_graph_create with a destination outside", error_class, MPI_ERR_ARG);
    MPI_Error_class(MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 1, outside, MPI_UNWEIGHTED, 1, zero, MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &graph), &error_class);
    expect("MPI_Dist_graph_create_adjacent with a source outside", error_class, MPI_ERR_ARG);
    expect("MPI_Dist_graph_create_adjacent inside", MPI_Dist_graph_create_adjacent(MPI_COMM_WORLD, 1, zero, MPI_UNWEIGHTED, 1, zero, MPI_UNWEIGHTED, MPI_INFO_NULL, 0, &graph), MPI_SUCCESS);
    MPI_Comm_free(&graph);
    int dims[2] = {0, 0};
    MPI_Error_class(MPI_Dims_create(0, 2, dims), &error_class);
    expect("MPI_Dims_create of 0 nodes", error_class, MPI_ERR_DIMS);
    expect("MPI_Dims_create of 4 nodes", MPI_Dims_create(4, 2, dims), MPI_SUCCESS);
    expect("its first dimension", dims[0], 2);

    MPI_Finalize();
    printf("%s\n", failed ? "FAILED" : "all ok");
    return failed;
}
