// The tools interface's variable handles: a handle is bound to an object whose handle kind
// depends on the variable, and reads and writes move `count` elements of the variable's
// datatype. These wrappers look both up so that the runtime can translate the object and
// check the guest buffer before the host touches it.
#include <mpi.h>
#include <stdint.h>

#include "handle_bits.h"
#include "mpiwasm_host.h"


// The object kind of a binding, as the runtime numbers them (see mpiwasm_host.h).
static int object_kind(int bind) {
    if (bind == MPI_T_BIND_NO_OBJECT) return 0;
    if (bind == MPI_T_BIND_MPI_COMM) return 1;
    if (bind == MPI_T_BIND_MPI_DATATYPE) return 2;
    if (bind == MPI_T_BIND_MPI_ERRHANDLER) return 3;
    if (bind == MPI_T_BIND_MPI_FILE) return 4;
    if (bind == MPI_T_BIND_MPI_GROUP) return 5;
    if (bind == MPI_T_BIND_MPI_OP) return 6;
    if (bind == MPI_T_BIND_MPI_REQUEST) return 7;
    if (bind == MPI_T_BIND_MPI_WIN) return 8;
    if (bind == MPI_T_BIND_MPI_MESSAGE) return 9;
    if (bind == MPI_T_BIND_MPI_INFO) return 10;
    return -1;
}

int mpiwasm_tool_variable(int performance, int index, int *kind, uint64_t *datatype, char *name) {
    char description[1024];
    int name_length = 256, description_length = sizeof description, verbosity, bind, scope;
    int var_class, readonly, continuous, atomic, rc;
    MPI_Datatype type;
    MPI_T_enum enumtype;
    if (performance) {
        rc = MPI_T_pvar_get_info(index, name, &name_length, &verbosity, &var_class, &type, &enumtype, description,
                                 &description_length, &bind, &readonly, &continuous, &atomic);
    } else {
        rc = MPI_T_cvar_get_info(index, name, &name_length, &verbosity, &type, &enumtype, description,
                                 &description_length, &bind, &scope);
    }
    if (rc != MPI_SUCCESS) return rc;
    *kind = object_kind(bind);
    *datatype = BITS(type);
    return MPI_SUCCESS;
}

// Calls `call` with `obj` pointing at a host handle of the object kind holding `object`, stored
// in `storage` (8 bytes that outlive the variable handle: the library keeps the pointer).
#define WITH_OBJECT(kind, object, storage, call)                                                      \
    switch (kind) {                                                                                   \
    case 0: { void *obj = NULL; return call; }                                                        \
    case 1: { *(MPI_Comm *)(storage) = HANDLE(MPI_Comm, object); void *obj = storage; return call; }  \
    case 2: { *(MPI_Datatype *)(storage) = HANDLE(MPI_Datatype, object); void *obj = storage; return call; } \
    case 3: { *(MPI_Errhandler *)(storage) = HANDLE(MPI_Errhandler, object); void *obj = storage; return call; } \
    case 4: { *(MPI_File *)(storage) = HANDLE(MPI_File, object); void *obj = storage; return call; }  \
    case 5: { *(MPI_Group *)(storage) = HANDLE(MPI_Group, object); void *obj = storage; return call; } \
    case 6: { *(MPI_Op *)(storage) = HANDLE(MPI_Op, object); void *obj = storage; return call; }      \
    case 7: { *(MPI_Request *)(storage) = HANDLE(MPI_Request, object); void *obj = storage; return call; } \
    case 8: { *(MPI_Win *)(storage) = HANDLE(MPI_Win, object); void *obj = storage; return call; }    \
    case 9: { *(MPI_Message *)(storage) = HANDLE(MPI_Message, object); void *obj = storage; return call; } \
    case 10: { *(MPI_Info *)(storage) = HANDLE(MPI_Info, object); void *obj = storage; return call; } \
    default: return MPI_ERR_ARG;                                                                      \
    }

static int cvar_alloc(int index, void *obj, uint64_t *handle, int *count) {
    MPI_T_cvar_handle h;
    int rc = MPI_T_cvar_handle_alloc(index, obj, &h, count);
    if (rc == MPI_SUCCESS) *handle = BITS(h);
    return rc;
}

static int pvar_alloc(uint64_t session, int index, void *obj, uint64_t *handle, int *count) {
    MPI_T_pvar_handle h;
    int rc = MPI_T_pvar_handle_alloc(HANDLE(MPI_T_pvar_session, session), index, obj, &h, count);
    if (rc == MPI_SUCCESS) *handle = BITS(h);
    return rc;
}

int mpiwasm_cvar_handle_alloc(int index, int kind, uint64_t object, void *storage, uint64_t *handle, int *count) {
    WITH_OBJECT(kind, object, storage, cvar_alloc(index, obj, handle, count))
}

int mpiwasm_pvar_handle_alloc(uint64_t session, int index, int kind, uint64_t object, void *storage, uint64_t *handle, int *count) {
    WITH_OBJECT(kind, object, storage, pvar_alloc(session, index, obj, handle, count))
}

int mpiwasm_cvar_access(int write, uint64_t handle, void *buffer) {
    MPI_T_cvar_handle h = HANDLE(MPI_T_cvar_handle, handle);
    return write ? MPI_T_cvar_write(h, buffer) : MPI_T_cvar_read(h, buffer);
}

// operation: 0 read, 1 write, 2 readreset.
int mpiwasm_pvar_access(int operation, uint64_t session, uint64_t handle, void *buffer) {
    MPI_T_pvar_session s = HANDLE(MPI_T_pvar_session, session);
    MPI_T_pvar_handle h = HANDLE(MPI_T_pvar_handle, handle);
    if (operation == 1) return MPI_T_pvar_write(s, h, buffer);
    return operation == 2 ? MPI_T_pvar_readreset(s, h, buffer) : MPI_T_pvar_read(s, h, buffer);
}
