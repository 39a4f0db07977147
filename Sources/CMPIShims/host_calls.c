#include <mpi.h>
#include <stdint.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

// Host calls the hand-written runtime makes with handles held as bit patterns (handle_bits.h).

int mpiwasm_type_extents(uint64_t datatype, int64_t extents[4]) {
    MPI_Count lb, extent, true_lb, true_extent;
    int rc = MPI_Type_get_extent_x(HANDLE(MPI_Datatype, datatype), &lb, &extent);
    if (rc != MPI_SUCCESS) return rc;
    rc = MPI_Type_get_true_extent_x(HANDLE(MPI_Datatype, datatype), &true_lb, &true_extent);
    extents[0] = lb;
    extents[1] = extent;
    extents[2] = true_lb;
    extents[3] = true_extent;
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
