/* mpiwasm-run: --allow-connect
 * Ports and name publishing, granted with --allow-connect (the runner passes the flag above):
 * a port opened, its name published and looked up, the even ranks accepting and the odd ranks
 * connecting through it, the new intercommunicator used and disconnected. */
#include "matrix.h"
#include "matrix_model.h"

int main(int argc, char **argv) {
    mw_begin(&argc, &argv);
    if (mw_host_defect("MPI_Open_port")) return mw_end();
    char port[MPI_MAX_PORT_NAME] = "", found[MPI_MAX_PORT_NAME] = "";
    if (mw_rank == 0) mw_value("MPI_Open_port", MPI_Open_port(MPI_INFO_NULL, port) == MPI_SUCCESS);
    else mw_value("MPI_Open_port", 1);
    MPI_Bcast(port, MPI_MAX_PORT_NAME, MPI_CHAR, 0, MPI_COMM_WORLD);
    int rc = MPI_SUCCESS;
    if (mw_rank == 0) rc = MPI_Publish_name("mpiwasm-matrix", MPI_INFO_NULL, port);
    mw_probe("MPI_Publish_name", rc);
    rc = MPI_Lookup_name("mpiwasm-matrix", MPI_INFO_NULL, found);
    mw_case("MPI_Lookup_name finds the published port", rc == MPI_SUCCESS && strcmp(found, port) == 0, NULL);
    mw_probe("MPI_Lookup_name of a name nobody published", MPI_Lookup_name("mpiwasm-matrix-nobody", MPI_INFO_NULL, found));

    if (mw_size > 1) {
        MPI_Comm half, inter;
        MPI_Comm_split(MPI_COMM_WORLD, mw_rank % 2, mw_rank, &half);
        int even = mw_rank % 2 == 0;
        rc = even ? MPI_Comm_accept(port, MPI_INFO_NULL, 0, half, &inter) : MPI_Comm_connect(port, MPI_INFO_NULL, 0, half, &inter);
        int remote = 0, flag = 0, sum = 0, expect = 0, mine = mw_rank + 1;
        MPI_Comm_remote_size(inter, &remote);
        MPI_Comm_test_inter(inter, &flag);
        MPI_Allreduce(&mine, &sum, 1, MPI_INT, MPI_SUM, inter);
        for (int r = 0; r < mw_size; r++) if (r % 2 != mw_rank % 2) expect += r + 1;
        mw_case("MPI_Comm_accept MPI_Comm_connect", rc == MPI_SUCCESS && flag && remote == (even ? mw_size / 2 : (mw_size + 1) / 2) && sum == expect, NULL);
        mw_case("MPI_Comm_disconnect of the connection", MPI_Comm_disconnect(&inter) == MPI_SUCCESS && inter == MPI_COMM_NULL, NULL);
        MPI_Comm_free(&half);
    }
    rc = MPI_SUCCESS;
    if (mw_rank == 0) rc = MPI_Unpublish_name("mpiwasm-matrix", MPI_INFO_NULL, port);
    mw_probe("MPI_Unpublish_name", rc);
    rc = MPI_SUCCESS;
    if (mw_rank == 0) rc = MPI_Close_port(port);
    mw_probe("MPI_Close_port", rc);
    return mw_end();
}
