// What the runtime needs of the host MPI that Swift cannot import: the values of its
// constants (Open MPI's handles are addresses of globals) and its MPI_Status layout.
#ifndef MPIWASM_HOST_H
#define MPIWASM_HOST_H

#include <stddef.h>
#include <stdint.h>

/// One guest-ABI constant and the host's value for it (a handle's bit pattern, an integer
/// sign-extended, a pointer's address).
typedef struct {
    const char *name;
    /// The ABI type: `int`, `MPI_Comm`, `void*`, `MPI_Comm_copy_attr_function*`, ...
    const char *type;
    int64_t guest;
    uint64_t host;
} mpiwasm_host_constant;

/// The table generated for the host built against (Sources/CMPIShims/generated/<mpi>/); empty
/// when none was generated for it.
size_t mpiwasm_host_constants_count(void);
const mpiwasm_host_constant *mpiwasm_host_constant_at(size_t index);

/// The host's MPI_Status size, and the guest's view of one: the public fields, then the host's
/// other bytes (its count and cancelled flag) in MPI_internal, so a status can go back and forth.
size_t mpiwasm_host_status_size(void);
/// Returns 0, or -1 when the host's private status bytes do not fit the guest's 20.
int mpiwasm_status_to_guest(const void *host_status, int32_t guest_status[8]);
void mpiwasm_status_from_guest(const int32_t guest_status[8], void *host_status);

/// Host calls with handles as bit patterns (see host_calls.c); each returns the host's MPI code.
int mpiwasm_type_extents(uint64_t datatype, int64_t extents[5]);
/// 1 when a valid datatype is committed.
int mpiwasm_type_committed(uint64_t datatype);
// Records a nonblocking MPI-IO request's file where Open MPI 4.1 looks for it on failure (file_requests.c).
int mpiwasm_file_request_record_file(uint64_t request, uint64_t file);
// A generalized request complete with `status`, an MPI_Status (file_requests.c).
int mpiwasm_completed_request(const void *status, uint64_t *request);
int mpiwasm_op_defined(uint64_t op, uint64_t datatype);
int mpiwasm_errors_return(uint64_t comm);
/// The host's MPI_UNWEIGHTED and MPI_WEIGHTS_EMPTY (variables, not constants, in MPICH).
void *mpiwasm_unweighted(void);
void *mpiwasm_weights_empty(void);
int mpiwasm_abort(uint64_t comm, int code);
int mpiwasm_comm_size(uint64_t comm, int remote, int *size);
int mpiwasm_comm_rank(uint64_t comm, int *rank);
int mpiwasm_cart_ndims(uint64_t comm, int *ndims);
int mpiwasm_is_cartesian(uint64_t comm);
int mpiwasm_neighbor_counts(uint64_t comm, int *indegree, int *outdegree);
int mpiwasm_allgather_u64(uint64_t value, uint64_t *all, uint64_t comm);

/// A tools-interface variable (a performance one when `performance`): the kind of object its
/// handles bind to (0 none, 1 comm, 2 datatype, 3 errhandler, 4 file, 5 group, 6 op, 7 request,
/// 8 win, 9 message, 10 info, -1 other), its datatype and its name (into `name`, 256 bytes).
int mpiwasm_tool_variable(int performance, int index, int *kind, uint64_t *datatype, char *name);
/// MPI_T_cvar_handle_alloc / MPI_T_pvar_handle_alloc with the object given as a host handle,
/// stored in `storage` (8 bytes that must live as long as the variable handle: the library
/// keeps the object's address).
int mpiwasm_cvar_handle_alloc(int index, int kind, uint64_t object, void *storage, uint64_t *handle, int *count);
int mpiwasm_pvar_handle_alloc(uint64_t session, int index, int kind, uint64_t object, void *storage, uint64_t *handle, int *count);
/// 1 when Open MPI's component `framework`_`component` is a shared object beside the loaded
/// components but not loaded itself (its variables' functions are gone), else 0.
int mpiwasm_component_unloaded(const char *framework, const char *component);
/// Frees a datatype a query returned (MPI_Type_get_contents, MPI_File_get_view) unless it is
/// predefined (named, or from MPI_Type_create_f90_*).
void mpiwasm_release_returned_type(uint64_t type);
/// MPI_T_cvar_read (write 0) or MPI_T_cvar_write (write 1).
int mpiwasm_cvar_access(int write, uint64_t handle, void *buffer);
/// MPI_T_pvar_read (0), MPI_T_pvar_write (1) or MPI_T_pvar_readreset (2).
int mpiwasm_pvar_access(int operation, uint64_t session, uint64_t handle, void *buffer);

/// Whether the host's long double differs from the guest's (IEEE binary128).
int mpiwasm_quad_ops_needed(void);
/// A host op doing binary128 arithmetic for a predefined op on the guest's long double types:
/// type_class 0 real, 1 complex, 2 (value, int) pair; op 0-5 SUM, PROD, MAX, MIN, MAXLOC,
/// MINLOC. 0 when the op is not defined on the class (the host's op then reports it),
/// UINT64_MAX when the host cannot do binary128 arithmetic.
uint64_t mpiwasm_quad_op(int type_class, int op);

/// Callbacks into the guest. MPI calls C functions in callbacks.c, which forward to these
/// handlers; the runtime sets them before the guest runs.
enum { MPIWASM_OBJECT_COMM = 1, MPIWASM_OBJECT_TYPE = 2, MPIWASM_OBJECT_WIN = 3 };
/// A keyval's copy or delete function: the null one, the dup one, or the guest's.
enum { MPIWASM_CALLBACK_NULL = 0, MPIWASM_CALLBACK_DUP = 1, MPIWASM_CALLBACK_GUEST = 2 };
#define MPIWASM_OP_SLOTS 64

typedef struct {
    void (*reduce)(int slot, void *in, void *inout, int length, uint64_t datatype);
    int (*copy_attr)(int object, uint64_t handle, int keyval, void *in, void **out, int *flag);
    int (*delete_attr)(int object, uint64_t handle, int keyval, void *value);
    int (*grequest_query)(int id, void *status);
    int (*grequest_free)(int id);
    int (*grequest_cancel)(int id, int complete);
} mpiwasm_callback_handlers;
void mpiwasm_set_callbacks(mpiwasm_callback_handlers handlers);

/// A user op whose reductions call the handler with `slot` (0 ..< MPIWASM_OP_SLOTS).
int mpiwasm_op_create(int slot, int commute, uint64_t *op);
/// A generalized request whose callbacks call the handlers with `id`.
int mpiwasm_grequest_start(int id, uint64_t *request);
int mpiwasm_keyval_create(int object, int copy, int delete_, int *keyval);
int mpiwasm_attr_set(int object, uint64_t handle, int keyval, void *value);
int mpiwasm_attr_get(int object, uint64_t handle, int keyval, void **value, int *flag);
int mpiwasm_win_errors_return(uint64_t win);
int mpiwasm_win_create(void *base, int64_t size, int disp_unit, uint64_t info, uint64_t comm, uint64_t *win);
int mpiwasm_buffer_detach(void **buffer, int *size);
/// MPI_Pcontrol is variadic, which Swift cannot call.
int mpiwasm_pcontrol(int level);

#endif
