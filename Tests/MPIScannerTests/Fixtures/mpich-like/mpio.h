/* MPICH keeps MPI-IO (ROMIO) in its own header, included from mpi.h. */
#ifndef MPICH_LIKE_MPIO_H
#define MPICH_LIKE_MPIO_H
typedef struct ADIOI_FileD *MPI_File;
#define MPI_FILE_NULL ((MPI_File) 0)
int MPI_File_open(MPI_Comm comm, const char *filename, int amode, int info, MPI_File *fh);
int MPI_File_read(MPI_File fh, void *buf, int count, MPI_Datatype datatype, MPI_Status *status);
#endif
