/* Not valid C: the scanner must report libclang's diagnostics, not crash or guess. */
typedef struct ompi_communicator_t *MPI_Comm;
int MPI_Comm_rank(MPI_Comm comm, int *rank)
int MPI_Send(const void *buf, int count, MPI_Unknown datatype);
