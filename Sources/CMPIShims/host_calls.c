#include <mpi.h>
#include <stdint.h>
#include <stdlib.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

// Host calls the hand-written runtime makes with handles held as bit patterns (handle_bits.h).

int mpiwasm_type_extents(uint64_t datatype, int64_t extents[5]) {
    MPI_Count lb, extent, true_lb, true_extent, size;
    int rc = MPI_Type_get_extent_x(HANDLE(MPI_Datatype, datatype), &lb, &extent);
    if (rc != MPI_SUCCESS) return rc;
    rc = MPI_Type_get_true_extent_x(HANDLE(MPI_Datatype, datatype), &true_lb, &true_extent);
    if (rc != MPI_SUCCESS) return rc;
    rc = MPI_Type_size_x(HANDLE(MPI_Datatype, datatype), &size);
    extents[0] = lb;
    extents[1] = extent;
    extents[2] = true_lb;
    extents[3] = true_extent;
    extents[4] = size;
    return rc;
}

/* MPI has no query for it, but MPI_Pack checks it before anything else once its other
 * arguments are valid: MPI_ERR_TYPE for zero elements of a valid type means not committed. */
int mpiwasm_type_committed(uint64_t datatype) {
    char byte = 0;
    int position = 0;
    return MPI_Pack(&byte, 0, HANDLE(MPI_Datatype, datatype), &byte, 1, &position, MPI_COMM_SELF) != MPI_ERR_TYPE;
}

int mpiwasm_errors_return(uint64_t comm) { return MPI_Comm_set_errhandler(HANDLE(MPI_Comm, comm), MPI_ERRORS_RETURN); }

int mpiwasm_abort(uint64_t comm, int code) { return MPI_Abort(HANDLE(MPI_Comm, comm), code); }

int mpiwasm_comm_size(uint64_t comm, int remote, int *size) {
    int inter = 0;
    if (remote && MPI_Comm_test_inter(HANDLE(MPI_Comm, comm), &inter) == MPI_SUCCESS && inter)
        return MPI_Comm_remote_size(HANDLE(MPI_Comm, comm), size);
    return MPI_Comm_size(HANDLE(MPI_Comm, comm), size);
}

int mpiwasm_comm_rank(uint64_t comm, int *rank) { return MPI_Comm_rank(HANDLE(MPI_Comm, comm), rank); }

int mpiwasm_cart_ndims(uint64_t comm, int *ndims) { return MPI_Cartdim_get(HANDLE(MPI_Comm, comm), ndims); }

// 1 when a valid communicator has a Cartesian topology (MPI_CART is an enumerator in MPICH).
int mpiwasm_is_cartesian(uint64_t comm) {
    int status = MPI_UNDEFINED;
    return MPI_Topo_test(HANDLE(MPI_Comm, comm), &status) == MPI_SUCCESS && status == MPI_CART;
}

// In- and out-degree of a communicator's topology, as the neighbourhood collectives count them.
int mpiwasm_neighbor_counts(uint64_t comm, int *indegree, int *outdegree) {
    MPI_Comm c = HANDLE(MPI_Comm, comm);
    int status, rc = MPI_Topo_test(c, &status);
    if (rc != MPI_SUCCESS) return rc;
    if (status == MPI_CART) {
        int ndims;
        rc = MPI_Cartdim_get(c, &ndims);
        *indegree = *outdegree = 2 * ndims;
        return rc;
    }
    if (status == MPI_GRAPH) {
        int rank, count;
        MPI_Comm_rank(c, &rank);
        rc = MPI_Graph_neighbors_count(c, rank, &count);
        *indegree = *outdegree = count;
        return rc;
    }
    if (status == MPI_DIST_GRAPH) {
        int weighted;
        return MPI_Dist_graph_neighbors_count(c, indegree, outdegree, &weighted);
    }
    return MPI_ERR_TOPOLOGY;
}

// Every rank's value of `value` over a communicator (the linear-memory bases of a dynamic
// window's ranks).
int mpiwasm_allgather_u64(uint64_t value, uint64_t *all, uint64_t comm) {
    return MPI_Allgather(&value, 1, MPI_UINT64_T, all, 1, MPI_UINT64_T, HANDLE(MPI_Comm, comm));
}

// MPI_UNWEIGHTED and MPI_WEIGHTS_EMPTY: constants in Open MPI's header, but `extern int *const`
// variables in MPICH's, whose values no static table can hold.
void *mpiwasm_unweighted(void) { return (void *)MPI_UNWEIGHTED; }
void *mpiwasm_weights_empty(void) { return (void *)MPI_WEIGHTS_EMPTY; }

/* Named types and those of MPI_Type_create_f90_*: predefined, element types of their own. */
static int is_element_type(int combiner) {
    return combiner == MPI_COMBINER_NAMED || combiner == MPI_COMBINER_F90_REAL || combiner == MPI_COMBINER_F90_COMPLEX
        || combiner == MPI_COMBINER_F90_INTEGER;
}

/* Frees a datatype MPI_Type_get_contents or MPI_File_get_view returned, unless it is a
 * predefined one. */
static void release_contents_type(MPI_Datatype type) {
    int integers, addresses, datatypes, combiner;
    if (MPI_Type_get_envelope(type, &integers, &addresses, &datatypes, &combiner) == MPI_SUCCESS && !is_element_type(combiner))
        MPI_Type_free(&type);
}

void mpiwasm_release_returned_type(uint64_t type) { release_contents_type(HANDLE(MPI_Datatype, type)); }

/* Whether a predefined reduction op is defined for the element type a datatype is built from
 * (MPI_Reduce_local of one element checks it), for one-sided accumulates, where Open MPI 4.1
 * calls a null function otherwise (MPI_LXOR on a double). 1 yes, 0 no, -1 not for the runtime
 * to decide (a user op, MPI_REPLACE, MPI_NO_OP, a type of several element types). */
int mpiwasm_op_defined(uint64_t op, uint64_t datatype) {
    MPI_Op host = HANDLE(MPI_Op, op);
    const MPI_Op arithmetic[] = {MPI_MAX, MPI_MIN, MPI_SUM, MPI_PROD, MPI_LAND, MPI_BAND,
                                 MPI_LOR, MPI_BOR, MPI_LXOR, MPI_BXOR, MPI_MAXLOC, MPI_MINLOC};
    int predefined = 0;
    for (size_t k = 0; k < sizeof arithmetic / sizeof arithmetic[0]; k++) predefined |= host == arithmetic[k];
    if (!predefined) return -1;
    MPI_Datatype element = HANDLE(MPI_Datatype, datatype);
    int owned = 0, decided = 1;
    for (int depth = 0; depth < 64; depth++) {
        int integers, addresses, datatypes, combiner;
        if (MPI_Type_get_envelope(element, &integers, &addresses, &datatypes, &combiner) != MPI_SUCCESS) { decided = 0; break; }
        if (is_element_type(combiner)) break;
        if (datatypes < 1) { decided = 0; break; }
        int *ints = malloc(sizeof(int) * (size_t)(integers + 1));
        MPI_Aint *addrs = malloc(sizeof(MPI_Aint) * (size_t)(addresses + 1));
        MPI_Datatype *types = malloc(sizeof(MPI_Datatype) * (size_t)datatypes);
        int rc = ints && addrs && types ? MPI_Type_get_contents(element, integers, addresses, datatypes, ints, addrs, types) : MPI_ERR_NO_MEM;
        free(ints);
        free(addrs);
        if (owned) release_contents_type(element);
        owned = 0;
        if (rc != MPI_SUCCESS) { free(types); decided = 0; break; }
        for (int k = 1; k < datatypes; k++) {
            if (types[k] != types[0]) decided = 0;
            release_contents_type(types[k]);
        }
        element = types[0];
        owned = 1;
        free(types);
        if (!decided) break;
    }
    int defined = -1;
    if (decided) {
        /* Room for the largest element type (a long double complex, a long double and int pair). */
        long double in[4] = {0}, inout[4] = {0};
        defined = MPI_Reduce_local(in, inout, 1, element, host) == MPI_SUCCESS;
    }
    if (owned) release_contents_type(element);
    return defined;
}
