#include <mpi.h>
#include <stdint.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"

// Host-side entry points for the guest's callbacks. MPI calls these C functions; each hands
// over to the runtime's Swift handler (mpiwasm_callbacks), which calls into the guest.

static mpiwasm_callback_handlers mpiwasm_callbacks;

void mpiwasm_set_callbacks(mpiwasm_callback_handlers handlers) { mpiwasm_callbacks = handlers; }

// MPI_User_function carries no pointer to its op, so each user op gets its own C function:
// a pool of MPIWASM_OP_SLOTS, one per distinct guest reduction function.
#define OP_SLOT(n) \
    static void op_slot_##n(void *in, void *inout, int *len, MPI_Datatype *datatype) { \
        mpiwasm_callbacks.reduce(n, in, inout, *len, BITS(*datatype)); \
    }
#define OP_SLOTS8(n) OP_SLOT(n##0) OP_SLOT(n##1) OP_SLOT(n##2) OP_SLOT(n##3) OP_SLOT(n##4) OP_SLOT(n##5) OP_SLOT(n##6) OP_SLOT(n##7)
OP_SLOTS8(0) OP_SLOTS8(1) OP_SLOTS8(2) OP_SLOTS8(3) OP_SLOTS8(4) OP_SLOTS8(5) OP_SLOTS8(6) OP_SLOTS8(7)
#define OP_REFS8(n) op_slot_##n##0, op_slot_##n##1, op_slot_##n##2, op_slot_##n##3, op_slot_##n##4, op_slot_##n##5, op_slot_##n##6, op_slot_##n##7
static MPI_User_function *const op_slots[MPIWASM_OP_SLOTS] = {
    OP_REFS8(0), OP_REFS8(1), OP_REFS8(2), OP_REFS8(3), OP_REFS8(4), OP_REFS8(5), OP_REFS8(6), OP_REFS8(7),
};

int mpiwasm_op_create(int slot, int commute, uint64_t *op) {
    if (slot < 0 || slot >= MPIWASM_OP_SLOTS) return MPI_ERR_INTERN;
    MPI_Op created;
    int rc = MPI_Op_create(op_slots[slot], commute, &created);
    *op = BITS(created);
    return rc;
}

// Attribute callbacks get their keyval, which finds the guest's functions: one C function per
// object kind serves every keyval.
static int comm_copy(MPI_Comm c, int keyval, void *extra, void *in, void *out, int *flag) {
    (void)extra;
    return mpiwasm_callbacks.copy_attr(MPIWASM_OBJECT_COMM, BITS(c), keyval, in, (void **)out, flag);
}
static int comm_delete(MPI_Comm c, int keyval, void *value, void *extra) {
    (void)extra;
    return mpiwasm_callbacks.delete_attr(MPIWASM_OBJECT_COMM, BITS(c), keyval, value);
}
static int type_copy(MPI_Datatype t, int keyval, void *extra, void *in, void *out, int *flag) {
    (void)extra;
    return mpiwasm_callbacks.copy_attr(MPIWASM_OBJECT_TYPE, BITS(t), keyval, in, (void **)out, flag);
}
static int type_delete(MPI_Datatype t, int keyval, void *value, void *extra) {
    (void)extra;
    return mpiwasm_callbacks.delete_attr(MPIWASM_OBJECT_TYPE, BITS(t), keyval, value);
}
static int win_copy(MPI_Win w, int keyval, void *extra, void *in, void *out, int *flag) {
    (void)extra;
    return mpiwasm_callbacks.copy_attr(MPIWASM_OBJECT_WIN, BITS(w), keyval, in, (void **)out, flag);
}
static int win_delete(MPI_Win w, int keyval, void *value, void *extra) {
    (void)extra;
    return mpiwasm_callbacks.delete_attr(MPIWASM_OBJECT_WIN, BITS(w), keyval, value);
}

int mpiwasm_keyval_create(int object, int copy, int delete, int *keyval) {
    switch (object) {
    case MPIWASM_OBJECT_COMM:
        return MPI_Comm_create_keyval(
            copy == MPIWASM_CALLBACK_NULL ? MPI_COMM_NULL_COPY_FN : copy == MPIWASM_CALLBACK_DUP ? MPI_COMM_DUP_FN : comm_copy,
            delete == MPIWASM_CALLBACK_NULL ? MPI_COMM_NULL_DELETE_FN : comm_delete, keyval, NULL);
    case MPIWASM_OBJECT_TYPE:
        return MPI_Type_create_keyval(
            copy == MPIWASM_CALLBACK_NULL ? MPI_TYPE_NULL_COPY_FN : copy == MPIWASM_CALLBACK_DUP ? MPI_TYPE_DUP_FN : type_copy,
            delete == MPIWASM_CALLBACK_NULL ? MPI_TYPE_NULL_DELETE_FN : type_delete, keyval, NULL);
    case MPIWASM_OBJECT_WIN:
        return MPI_Win_create_keyval(
            copy == MPIWASM_CALLBACK_NULL ? MPI_WIN_NULL_COPY_FN : copy == MPIWASM_CALLBACK_DUP ? MPI_WIN_DUP_FN : win_copy,
            delete == MPIWASM_CALLBACK_NULL ? MPI_WIN_NULL_DELETE_FN : win_delete, keyval, NULL);
    default:
        return MPI_ERR_ARG;
    }
}

int mpiwasm_attr_set(int object, uint64_t handle, int keyval, void *value) {
    switch (object) {
    case MPIWASM_OBJECT_COMM: return MPI_Comm_set_attr(HANDLE(MPI_Comm, handle), keyval, value);
    case MPIWASM_OBJECT_TYPE: return MPI_Type_set_attr(HANDLE(MPI_Datatype, handle), keyval, value);
    case MPIWASM_OBJECT_WIN: return MPI_Win_set_attr(HANDLE(MPI_Win, handle), keyval, value);
    default: return MPI_ERR_ARG;
    }
}

int mpiwasm_attr_get(int object, uint64_t handle, int keyval, void **value, int *flag) {
    switch (object) {
    case MPIWASM_OBJECT_COMM: return MPI_Comm_get_attr(HANDLE(MPI_Comm, handle), keyval, value, flag);
    case MPIWASM_OBJECT_TYPE: return MPI_Type_get_attr(HANDLE(MPI_Datatype, handle), keyval, value, flag);
    case MPIWASM_OBJECT_WIN: return MPI_Win_get_attr(HANDLE(MPI_Win, handle), keyval, value, flag);
    default: return MPI_ERR_ARG;
    }
}

// Generalized requests: the extra state the host sees is the runtime's number for the request.
static int grequest_query(void *extra, MPI_Status *status) { return mpiwasm_callbacks.grequest_query((int)(intptr_t)extra, status); }
static int grequest_free(void *extra) { return mpiwasm_callbacks.grequest_free((int)(intptr_t)extra); }
static int grequest_cancel(void *extra, int complete) { return mpiwasm_callbacks.grequest_cancel((int)(intptr_t)extra, complete); }

int mpiwasm_grequest_start(int id, uint64_t *request) {
    MPI_Request created;
    int rc = MPI_Grequest_start(grequest_query, grequest_free, grequest_cancel, (void *)(intptr_t)id, &created);
    *request = BITS(created);
    return rc;
}

int mpiwasm_win_errors_return(uint64_t win) { return MPI_Win_set_errhandler(HANDLE(MPI_Win, win), MPI_ERRORS_RETURN); }

int mpiwasm_win_create(void *base, int64_t size, int disp_unit, uint64_t info, uint64_t comm, uint64_t *win) {
    MPI_Win created;
    int rc = MPI_Win_create(base, (MPI_Aint)size, disp_unit, HANDLE(MPI_Info, info), HANDLE(MPI_Comm, comm), &created);
    *win = BITS(created);
    return rc;
}

int mpiwasm_buffer_detach(void **buffer, int *size) { return MPI_Buffer_detach(buffer, size); }

int mpiwasm_pcontrol(int level) { return MPI_Pcontrol(level); }
