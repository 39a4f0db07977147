// The host's MPI (Open MPI, or MPICH with MPIWASM_HOST_MPI=mpich at build time; see Package.swift).
#include <mpi.h>
