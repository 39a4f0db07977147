/* An excerpt in the shape of MPICH 4's mpi.h: integer handles with encoded values, its own
 * constant values, a status with split count fields, MPI-IO in mpio.h. */
#ifndef MPICH_LIKE_MPI_H
#define MPICH_LIKE_MPI_H
#include <stdint.h>

#define MPI_VERSION 4
#define MPI_SUBVERSION 1
#define MPICH_VERSION "4.1.2"

typedef int MPI_Datatype;
#define MPI_INT ((MPI_Datatype)0x4c000405)
#define MPI_DOUBLE ((MPI_Datatype)0x4c00080b)
typedef int MPI_Comm;
#define MPI_COMM_WORLD ((MPI_Comm)0x44000000)
#define MPI_COMM_NULL ((MPI_Comm)0x04000000)
typedef int MPI_Op;
#define MPI_SUM (MPI_Op)(0x58000003)
typedef int MPI_Request;
typedef int MPI_Session;
#define MPI_SESSION_NULL ((MPI_Session)0x38000000)
typedef long MPI_Aint;
typedef int MPI_Fint;
typedef long long MPI_Count;
typedef long long MPI_Offset;

typedef struct MPI_Status {
    int count_lo;
    int count_hi_and_cancelled;
    int MPI_SOURCE;
    int MPI_TAG;
    int MPI_ERROR;
} MPI_Status;

typedef void (MPI_User_function)(void *, void *, int *, MPI_Datatype *);
typedef void (MPI_User_function_c)(void *, void *, MPI_Count *, MPI_Datatype *);

#define MPI_ANY_SOURCE (-2)
#define MPI_PROC_NULL (-1)
#define MPI_ROOT (-3)
#define MPI_ANY_TAG (-1)
#define MPI_IN_PLACE (void *) -1
#define MPI_STATUSES_IGNORE (MPI_Status *)1
#define MPI_MAX_PROCESSOR_NAME 128
enum MPIR_Combiner_enum { MPI_COMBINER_NAMED = 1, MPI_COMBINER_DUP = 2 };
typedef enum MPIR_T_source_order { MPI_T_SOURCE_ORDERED = 0, MPI_T_SOURCE_UNORDERED = 1 } MPI_T_source_order;

int MPI_Init(int *argc, char ***argv);
int MPI_Comm_rank(MPI_Comm comm, int *rank);
int MPI_Send(const void *buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm);
int MPI_Send_c(const void *buf, MPI_Count count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm);
int MPI_Allreduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm);
int MPI_Op_create_c(MPI_User_function_c *user_fn, int commute, MPI_Op *op);
int MPI_Session_finalize(MPI_Session *session);
int MPI_Comm_c2f(MPI_Comm comm);
MPI_Aint MPI_Aint_add(MPI_Aint base, MPI_Aint disp);
int PMPI_Send(const void *buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm);

#include "mpio.h"
#endif
