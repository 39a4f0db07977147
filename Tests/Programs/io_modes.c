/* MPI-IO beyond the basics, inside the directory given as argv[1]: nonblocking and split
 * collective access, shared and individual file pointers, subarray views, sizes, info and
 * the byte offset of a view, atomicity, and delete-on-close. */
#include "check.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    char path[512];
    snprintf(path, sizeof path, "%s/mpiwasm-io-modes.dat", argc > 1 ? argv[1] : ".");
    MPI_File_delete(path, MPI_INFO_NULL);
    MPI_Barrier(MPI_COMM_WORLD);

    MPI_File file;
    MPI_Info info;
    MPI_Info_create(&info);
    MPI_Info_set(info, "access_style", "write_once");
    CHECK_MPI(MPI_File_open(MPI_COMM_WORLD, path, MPI_MODE_CREATE | MPI_MODE_RDWR, info, &file));
    MPI_Info_free(&info);
    MPI_File_set_size(file, 0);
    MPI_File_preallocate(file, (MPI_Offset)size * 16 * (MPI_Offset)sizeof(int));

    /* Nonblocking explicit-offset writes, then a collective nonblocking read of the neighbour's. */
    int block[4], check_block[4];
    for (int i = 0; i < 4; i++) block[i] = rank * 4 + i;
    MPI_Request request;
    MPI_Status status;
    MPI_File_iwrite_at(file, (MPI_Offset)rank * 4 * (MPI_Offset)sizeof(int), block, 4, MPI_INT, &request);
    MPI_Wait(&request, &status);
    int count;
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(count == 4, "iwrite_at count %d", count);
    MPI_File_sync(file);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_File_sync(file);
    int next = (rank + 1) % size;
    MPI_File_iread_at(file, (MPI_Offset)next * 4 * (MPI_Offset)sizeof(int), check_block, 4, MPI_INT, &request);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    CHECK(check_block[0] == next * 4 && check_block[3] == next * 4 + 3, "iread_at %d", check_block[0]);

    /* Individual file pointers: seek, write, position. */
    MPI_File_seek(file, (MPI_Offset)(size + rank) * 4 * (MPI_Offset)sizeof(int), MPI_SEEK_SET);
    MPI_File_write(file, block, 4, MPI_INT, MPI_STATUS_IGNORE);
    MPI_Offset position;
    MPI_File_get_position(file, &position);
    CHECK(position == (MPI_Offset)(size + rank + 1) * 4 * (MPI_Offset)sizeof(int), "position %lld", (long long)position);

    /* Split collective write at the end, then read everything back collectively. */
    MPI_File_write_at_all_begin(file, (MPI_Offset)(2 * size + rank) * 4 * (MPI_Offset)sizeof(int), block, 4, MPI_INT);
    MPI_File_write_at_all_end(file, block, &status);
    MPI_File_sync(file);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_File_sync(file);
    MPI_Offset file_size;
    MPI_File_get_size(file, &file_size);
    CHECK(file_size >= (MPI_Offset)size * 12 * (MPI_Offset)sizeof(int), "size %lld", (long long)file_size);

    /* A subarray view: each rank sees its own 4 ints of every 4*size stripe. */
    MPI_Datatype stripe;
    int sizes[1] = {4 * size}, subsizes[1] = {4}, starts[1] = {4 * rank};
    MPI_Type_create_subarray(1, sizes, subsizes, starts, MPI_ORDER_C, MPI_INT, &stripe);
    MPI_Type_commit(&stripe);
    MPI_File_set_view(file, 0, MPI_INT, stripe, "native", MPI_INFO_NULL);
    int seen[12] = {0};
    MPI_File_read_all(file, seen, 12, MPI_INT, &status);
    MPI_Get_count(&status, MPI_INT, &count);
    CHECK(count == 12, "read_all count %d", count);
    for (int i = 0; i < 12; i++) CHECK(seen[i] == rank * 4 + i % 4, "view element %d = %d", i, seen[i]);
    MPI_Offset byte_offset;
    MPI_File_get_byte_offset(file, 5, &byte_offset);
    CHECK(byte_offset == (MPI_Offset)(4 * size + 4 * rank + 1) * (MPI_Offset)sizeof(int), "byte offset %lld", (long long)byte_offset);
    MPI_Type_free(&stripe);

    /* Shared file pointer: ordered writes land in rank order. */
    MPI_File_set_view(file, 0, MPI_INT, MPI_INT, "native", MPI_INFO_NULL);
    MPI_File_seek_shared(file, (MPI_Offset)size * 12, MPI_SEEK_SET);
    int token = 1000 + rank;
    MPI_File_write_ordered(file, &token, 1, MPI_INT, MPI_STATUS_IGNORE);
    MPI_File_sync(file);
    MPI_Barrier(MPI_COMM_WORLD);
    MPI_File_sync(file);
    int ordered = -1;
    MPI_File_read_at(file, (MPI_Offset)size * 12 + rank, &ordered, 1, MPI_INT, MPI_STATUS_IGNORE);
    CHECK(ordered == 1000 + rank, "write_ordered slot %d holds %d", rank, ordered);
    MPI_File_get_position_shared(file, &position);
    CHECK(position == (MPI_Offset)size * 13, "shared position %lld", (long long)position);

    int flag, amode;
    MPI_File_set_atomicity(file, 1);
    MPI_File_get_atomicity(file, &flag);
    CHECK(flag == 1, "atomicity");
    MPI_File_get_amode(file, &amode);
    CHECK(amode == (MPI_MODE_CREATE | MPI_MODE_RDWR), "amode %d", amode);
    MPI_Info used;
    MPI_File_get_info(file, &used);
    MPI_Info_free(&used);
    MPI_Group group;
    MPI_File_get_group(file, &group);
    int group_size;
    MPI_Group_size(group, &group_size);
    CHECK(group_size == size, "file group size %d", group_size);
    MPI_Group_free(&group);
    MPI_File_close(&file);
    CHECK(file == MPI_FILE_NULL, "close resets the handle");

    /* Delete on close. */
    MPI_Barrier(MPI_COMM_WORLD);
    CHECK_MPI(MPI_File_open(MPI_COMM_WORLD, path, MPI_MODE_RDONLY | MPI_MODE_DELETE_ON_CLOSE, MPI_INFO_NULL, &file));
    MPI_File_close(&file);
    MPI_Barrier(MPI_COMM_WORLD);
    int rc = MPI_File_open(MPI_COMM_SELF, path, MPI_MODE_RDONLY, MPI_INFO_NULL, &file);
    int error_class = MPI_SUCCESS;
    if (rc != MPI_SUCCESS) MPI_Error_class(rc, &error_class);
    CHECK(rc != MPI_SUCCESS && error_class == MPI_ERR_NO_SUCH_FILE, "file still there after delete-on-close (class %d)", error_class);
    return check_finish("io_modes");
}
