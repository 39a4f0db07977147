/* An excerpt in the shape of Open MPI 4.1's mpi.h: pointer handles, predefined handles as
 * addresses of globals, a 24-byte status, PMPI twins, a callback typedef chain, macros. */
#ifndef OMPI_LIKE_MPI_H
#define OMPI_LIKE_MPI_H
#include <stddef.h>

#define OMPI_MAJOR_VERSION 4
#define OMPI_MINOR_VERSION 1
#define OMPI_RELEASE_VERSION 4
#define MPI_VERSION 3
#define MPI_SUBVERSION 1
#define OMPI_DECLSPEC __attribute__((visibility("default")))
#define OMPI_PREDEFINED_GLOBAL(type, global) ((type) ((void *) &(global)))

typedef ptrdiff_t MPI_Aint;
typedef long long MPI_Offset;
typedef long long MPI_Count;
typedef struct ompi_communicator_t *MPI_Comm;
typedef struct ompi_datatype_t *MPI_Datatype;
typedef struct ompi_op_t *MPI_Op;
typedef struct ompi_request_t *MPI_Request;
typedef struct ompi_file_t *MPI_File;
typedef struct ompi_status_public_t MPI_Status;
struct ompi_status_public_t {
    int MPI_SOURCE;
    int MPI_TAG;
    int MPI_ERROR;
    int _cancelled;
    size_t _ucount;
};

typedef void (MPI_User_function)(void *, void *, int *, MPI_Datatype *);
typedef void (ompi_file_errhandler_fn)(MPI_File *, int *, ...);
typedef ompi_file_errhandler_fn MPI_File_errhandler_function;
typedef void (MPI_Comm_errhandler_function)(MPI_Comm *, int *, ...);
typedef MPI_Comm_errhandler_function MPI_Comm_errhandler_fn;

#define MPI_ANY_SOURCE -1
#define MPI_PROC_NULL -2
#define MPI_ANY_TAG -1
#define MPI_MAX_PROCESSOR_NAME 256
#define MPI_BOTTOM ((void *) 0)
#define MPI_IN_PLACE ((void *) 1)
#define MPI_STATUS_IGNORE ((MPI_Status *) 0)
#define MPI_H_INCLUDED
enum { MPI_SUCCESS = 0, MPI_ERR_BUFFER = 1, MPI_ERR_COUNT = 2 };

struct ompi_predefined_communicator_t;
struct ompi_predefined_datatype_t;
struct ompi_predefined_op_t;
OMPI_DECLSPEC extern struct ompi_predefined_communicator_t ompi_mpi_comm_world;
OMPI_DECLSPEC extern struct ompi_predefined_datatype_t ompi_mpi_int;
OMPI_DECLSPEC extern struct ompi_predefined_op_t ompi_mpi_op_sum;
#define MPI_COMM_WORLD OMPI_PREDEFINED_GLOBAL(MPI_Comm, ompi_mpi_comm_world)
#define MPI_INT OMPI_PREDEFINED_GLOBAL(MPI_Datatype, ompi_mpi_int)
#define MPI_SUM OMPI_PREDEFINED_GLOBAL(MPI_Op, ompi_mpi_op_sum)
#define MPI_Aint_add(base, disp) ((MPI_Aint) ((char *) (base) + (disp)))

OMPI_DECLSPEC int MPI_Init(int *argc, char ***argv);
OMPI_DECLSPEC int MPI_Comm_rank(MPI_Comm comm, int *rank);
OMPI_DECLSPEC int MPI_Send(const void *buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm);
OMPI_DECLSPEC int MPI_Irecv(void *buf, int count, MPI_Datatype datatype, int source, int tag, MPI_Comm comm, MPI_Request *request);
OMPI_DECLSPEC int MPI_Waitall(int count, MPI_Request array_of_requests[], MPI_Status *array_of_statuses);
OMPI_DECLSPEC int MPI_Allreduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype datatype, MPI_Op op, MPI_Comm comm);
OMPI_DECLSPEC int MPI_Gatherv(const void *sendbuf, int sendcount, MPI_Datatype sendtype, void *recvbuf, const int recvcounts[], const int displs[], MPI_Datatype recvtype, int root, MPI_Comm comm);
OMPI_DECLSPEC int MPI_Op_create(MPI_User_function *function, int commute, MPI_Op *op);
OMPI_DECLSPEC int MPI_Get_processor_name(char *name, int *resultlen);
OMPI_DECLSPEC int MPI_Comm_c2f(MPI_Comm comm);
OMPI_DECLSPEC int MPI_Mystery(void *what, int how);
OMPI_DECLSPEC int MPI_Pcontrol(const int level, ...);
OMPI_DECLSPEC double MPI_Wtime(void);
OMPI_DECLSPEC int PMPI_Init(int *argc, char ***argv);
OMPI_DECLSPEC int PMPI_Send(const void *buf, int count, MPI_Datatype datatype, int dest, int tag, MPI_Comm comm);
OMPI_DECLSPEC double PMPI_Wtime(void);
#endif
