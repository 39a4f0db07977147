/* Writes a control variable of the host MPI (its own value back): refused unless the user allows
 * it, since control variables configure the host (directories, components), not the module. */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
    int provided = 0, count = 0;
    MPI_Init(&argc, &argv);
    MPI_T_init_thread(MPI_THREAD_SINGLE, &provided);
    MPI_T_cvar_get_num(&count);
    for (int index = 0; index < count; index++) {
        char name[256], description[256];
        int name_length = sizeof name, description_length = sizeof description, verbosity, bind, scope, elements = 0;
        MPI_Datatype datatype;
        MPI_T_enum enumtype;
        if (MPI_T_cvar_get_info(index, name, &name_length, &verbosity, &datatype, &enumtype, description, &description_length, &bind, &scope) != MPI_SUCCESS) continue;
        if (datatype != MPI_INT || bind != MPI_T_BIND_NO_OBJECT || (scope != MPI_T_SCOPE_LOCAL && scope != MPI_T_SCOPE_ALL)) continue;
        MPI_T_cvar_handle handle;
        int value = 0;
        if (MPI_T_cvar_handle_alloc(index, NULL, &handle, &elements) != MPI_SUCCESS || elements != 1) continue;
        if (MPI_T_cvar_read(handle, &value) == MPI_SUCCESS) {
            int rc = MPI_T_cvar_write(handle, &value);
            if (rc == MPI_SUCCESS) printf("%s written\n", name);
            else printf("%s refused with %s\n", name, rc == MPI_T_ERR_CVAR_SET_NEVER ? "MPI_T_ERR_CVAR_SET_NEVER" : "another code");
            MPI_T_cvar_handle_free(&handle);
            break;
        }
        MPI_T_cvar_handle_free(&handle);
    }
    MPI_T_finalize();
    MPI_Finalize();
    return 0;
}
