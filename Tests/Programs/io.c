/* MPI-IO inside a directory given as argv[1] (a WASI pre-opened directory under mpiwasm):
 * collective and independent writes and reads, views, sizes, delete. */
#include "check.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    char path[512];
    snprintf(path, sizeof path, "%s/mpiwasm-io-test.dat", argc > 1 ? argv[1] : ".");

    MPI_File file;
    CHECK_MPI(MPI_File_open(MPI_COMM_WORLD, path, MPI_MODE_CREATE | MPI_MODE_RDWR, MPI_INFO_NULL, &file));
    int block[4];
    for (int i = 0; i < 4; i++) block[i] = rank * 4 + i;
    MPI_Status status;
    CHECK_MPI(MPI_File_write_at_all(file, (MPI_Offset)rank * 4 * (MPI_Offset)sizeof(int), block, 4, MPI_INT, &status));
    int count;
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(count == 4, "written %d", count);
    MPI_File_sync(file);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_Offset file_size;
    MPI_File_get_size(file, &file_size);
    CHECK(file_size == (MPI_Offset)size * 4 * (MPI_Offset)sizeof(int), "size %lld", (long long)file_size);

    /* Read the next rank's block independently. */
    int other[4] = {0};
    int next = (rank + 1) % size;
    MPI_File_read_at(file, (MPI_Offset)next * 4 * (MPI_Offset)sizeof(int), other, 4, MPI_INT, MPI_STATUS_IGNORE);
    CHECK(other[3] == next * 4 + 3, "read_at %d", other[3]);

    /* A strided view: each rank sees every size-th int, starting at its rank. */
    MPI_Datatype strided, resized;
    MPI_Type_vector(1, 1, size, MPI_INT, &strided);
    MPI_Type_create_resized(strided, 0, (MPI_Aint)(size * (int)sizeof(int)), &resized);
    MPI_Type_commit(&resized);
    MPI_File_set_view(file, (MPI_Offset)rank * (MPI_Offset)sizeof(int), MPI_INT, resized, "native", MPI_INFO_NULL);
    int seen[4];
    MPI_File_read_all(file, seen, 4, MPI_INT, MPI_STATUS_IGNORE);
    for (int i = 0; i < 4; i++) CHECK(seen[i] == rank + i * size, "view element %d = %d", i, seen[i]);
    MPI_Offset position;
    MPI_File_get_position(file, &position);
    CHECK(position == 4, "position %lld", (long long)position);
    MPI_Datatype etype, filetype;
    MPI_Offset disp;
    char datarep[MPI_MAX_DATAREP_STRING];
    MPI_File_get_view(file, &disp, &etype, &filetype, datarep);
    CHECK(disp == (MPI_Offset)rank * (MPI_Offset)sizeof(int) && etype == MPI_INT && strcmp(datarep, "native") == 0, "get_view");
    if (filetype != MPI_INT) MPI_Type_free(&filetype);

    /* Nonblocking individual write with the shared file pointer gone: back to a byte view. */
    MPI_File_set_view(file, 0, MPI_BYTE, MPI_BYTE, "native", MPI_INFO_NULL);
    MPI_Request request;
    int tail = 1000 + rank;
    MPI_File_iwrite_at(file, file_size + (MPI_Offset)rank * (MPI_Offset)sizeof(int), &tail, 1, MPI_INT, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    MPI_File_close(&file);
    CHECK(file == MPI_FILE_NULL, "file not closed");

    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
        MPI_File_open(MPI_COMM_SELF, path, MPI_MODE_RDONLY, MPI_INFO_NULL, &file);
        MPI_File_get_size(file, &file_size);
        CHECK(file_size == (MPI_Offset)size * 5 * (MPI_Offset)sizeof(int), "final size %lld", (long long)file_size);
        int amode;
        MPI_File_get_amode(file, &amode);
        CHECK(amode == MPI_MODE_RDONLY, "amode %d", amode);
        MPI_File_close(&file);
        CHECK_MPI(MPI_File_delete(path, MPI_INFO_NULL));
    }
    MPI_Type_free(&strided);
    MPI_Type_free(&resized);
    return check_finish("io");
}
