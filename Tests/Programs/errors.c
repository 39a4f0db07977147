/* Error handlers and error classes: MPI_ERRORS_RETURN, user handlers, user classes and codes. */
#include "check.h"
#include <string.h>

static int handler_calls = 0, last_code = 0;

static void count_errors(MPI_Comm *comm, int *code, ...) {
    (void)comm;
    handler_calls++;
    last_code = *code;
}

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    MPI_Comm comm;
    MPI_Comm_dup(MPI_COMM_WORLD, &comm);
    MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
    MPI_Errhandler current;
    MPI_Comm_get_errhandler(comm, &current);
    CHECK(current == MPI_ERRORS_RETURN, "errhandler not returned");
    MPI_Errhandler_free(&current);

    int value = 0, code, error_class;
    code = MPI_Send(&value, 1, MPI_INT, size + 5, 0, comm);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_RANK, "invalid rank gave class %d", error_class);
    code = MPI_Send(&value, -1, MPI_INT, 0, 0, comm);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_COUNT, "negative count gave class %d", error_class);
    code = MPI_Send(&value, 1, MPI_DATATYPE_NULL, 0, 0, comm);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_TYPE, "null datatype gave class %d", error_class);
    code = MPI_Bcast(&value, 1, MPI_INT, size + 1, comm);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_ROOT, "invalid root gave class %d", error_class);
    code = MPI_Allreduce(&value, &error_class, 1, MPI_INT, MPI_OP_NULL, comm);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_OP, "null op gave class %d", error_class);

    /* Truncation: a 2-int message into a 1-int buffer. */
    int pair[2] = {1, 2};
    MPI_Request request;
    MPI_Isend(pair, 2, MPI_INT, rank, 9, comm, &request);
    MPI_Status status;
    code = MPI_Recv(&value, 1, MPI_INT, rank, 9, comm, &status);
    MPI_Error_class(code, &error_class);
    CHECK(error_class == MPI_ERR_TRUNCATE, "truncation gave class %d", error_class);
    MPI_Wait(&request, MPI_STATUS_IGNORE);

    char message[MPI_MAX_ERROR_STRING];
    int length;
    MPI_Error_string(MPI_ERR_RANK, message, &length);
    CHECK(length > 0 && (int)strlen(message) == length, "error string '%s'", message);

    /* A user error handler is called with the code. */
    MPI_Errhandler handler;
    MPI_Comm_create_errhandler(count_errors, &handler);
    MPI_Comm_set_errhandler(comm, handler);
    MPI_Send(&value, 1, MPI_INT, size + 5, 0, comm);
    CHECK(handler_calls == 1, "handler called %d times", handler_calls);
    MPI_Error_class(last_code, &error_class);
    CHECK(error_class == MPI_ERR_RANK, "handler got class %d", error_class);

    /* User error classes, codes and strings, raised through Comm_call_errhandler. */
    int my_class, my_code;
    MPI_Add_error_class(&my_class);
    MPI_Add_error_code(my_class, &my_code);
    MPI_Add_error_string(my_code, "mpiwasm test error");
    MPI_Error_string(my_code, message, &length);
    CHECK(strcmp(message, "mpiwasm test error") == 0, "user error string '%s'", message);
    MPI_Error_class(my_code, &error_class);
    CHECK(error_class == my_class, "user code class %d", error_class);
    MPI_Comm_call_errhandler(comm, my_code);
    CHECK(handler_calls == 2 && last_code == my_code, "call_errhandler");
    int *lastused, flag;
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_LASTUSEDCODE, &lastused, &flag);
    /* At least the last class added: MPICH reports that, while its codes are larger. */
    CHECK(flag && *lastused >= my_class, "lastusedcode");

    MPI_Errhandler_free(&handler);
    MPI_Comm_free(&comm);
    return check_finish("errors");
}
