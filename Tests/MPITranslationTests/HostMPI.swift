import CMPI
import Foundation

/// MPI initialised once for the whole test process (a singleton, no mpirun), finalised at exit.
enum HostMPI {
    static let initialized: Bool = {
        setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 0)
        setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 0)
        var flag: Int32 = 0
        MPI_Initialized(&flag)
        if flag == 0 { MPI_Init(nil, nil) }
        atexit { MPI_Finalize() }
        return true
    }()
}
