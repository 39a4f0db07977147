/* Attributes with copy and delete callbacks on communicators and datatypes, predefined
 * attributes, and info objects. */
#include "check.h"
#include <stdlib.h>
#include <string.h>

static int copies = 0, deletes = 0;

static int copy_counter(MPI_Comm comm, int keyval, void *extra, void *in, void *out, int *flag) {
    (void)comm; (void)keyval;
    CHECK(*(int *)extra == 1234, "extra_state %d", *(int *)extra);
    int *copy = (int *)malloc(sizeof(int));
    *copy = *(int *)in + 1;
    *(void **)out = copy;
    *flag = 1;
    copies++;
    return MPI_SUCCESS;
}

static int delete_counter(MPI_Comm comm, int keyval, void *value, void *extra) {
    (void)comm; (void)keyval; (void)extra;
    free(value);
    deletes++;
    return MPI_SUCCESS;
}

static int type_deletes = 0;
static int type_delete(MPI_Datatype type, int keyval, void *value, void *extra) {
    (void)type; (void)keyval; (void)value; (void)extra;
    type_deletes++;
    return MPI_SUCCESS;
}

int main(int argc, char **argv) {
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);

    static int extra = 1234;
    int keyval;
    MPI_Comm_create_keyval(copy_counter, delete_counter, &keyval, &extra);
    MPI_Comm dup1, dup2;
    MPI_Comm_dup(MPI_COMM_WORLD, &dup1);
    int *value = (int *)malloc(sizeof(int));
    *value = 10 + rank;
    MPI_Comm_set_attr(dup1, keyval, value);
    MPI_Comm_dup(dup1, &dup2);
    int *got, flag = 0;
    MPI_Comm_get_attr(dup2, keyval, &got, &flag);
    CHECK(flag && *got == 11 + rank && copies == 1, "copied attribute %d", flag ? *got : -1);
    MPI_Comm_delete_attr(dup1, keyval);
    CHECK(deletes == 1, "deletes %d", deletes);
    MPI_Comm_get_attr(dup1, keyval, &got, &flag);
    CHECK(!flag, "attribute still set after delete");
    MPI_Comm_free(&dup2);
    CHECK(deletes == 2, "deletes after free %d", deletes);
    MPI_Comm_free_keyval(&keyval);
    CHECK(keyval == MPI_KEYVAL_INVALID, "keyval not reset");

    /* Predefined attributes. */
    int *tag_ub;
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &tag_ub, &flag);
    CHECK(flag && *tag_ub >= 32767, "tag_ub %d", flag ? *tag_ub : -1);
    int *wtime_global;
    MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_WTIME_IS_GLOBAL, &wtime_global, &flag);
    CHECK(!flag || *wtime_global == 0 || *wtime_global == 1, "wtime_is_global");

    /* Datatype attributes with the predefined null copy function. */
    int type_keyval;
    MPI_Type_create_keyval(MPI_TYPE_NULL_COPY_FN, type_delete, &type_keyval, NULL);
    MPI_Datatype pair;
    MPI_Type_contiguous(2, MPI_INT, &pair);
    MPI_Type_set_attr(pair, type_keyval, &extra);
    MPI_Datatype pair_dup;
    MPI_Type_dup(pair, &pair_dup);
    MPI_Type_get_attr(pair_dup, type_keyval, &got, &flag);
    CHECK(!flag, "null copy function copied the attribute");
    /* Open MPI runs the delete callback when the last reference goes (the dup holds one). */
    MPI_Type_free(&pair);
    MPI_Type_free(&pair_dup);
    CHECK(type_deletes == 1, "type deletes %d", type_deletes);
    MPI_Type_free_keyval(&type_keyval);

    /* Comm keyval with the predefined dup function. */
    int dup_keyval;
    MPI_Comm_create_keyval(MPI_COMM_DUP_FN, MPI_COMM_NULL_DELETE_FN, &dup_keyval, NULL);
    MPI_Comm_set_attr(dup1, dup_keyval, &extra);
    MPI_Comm dup3;
    MPI_Comm_dup(dup1, &dup3);
    MPI_Comm_get_attr(dup3, dup_keyval, &got, &flag);
    CHECK(flag && got == &extra, "MPI_COMM_DUP_FN did not copy the pointer");
    MPI_Comm_free(&dup3);
    MPI_Comm_free(&dup1);
    MPI_Comm_free_keyval(&dup_keyval);

    /* Info objects. */
    MPI_Info info, copy;
    MPI_Info_create(&info);
    MPI_Info_set(info, "alpha", "1");
    MPI_Info_set(info, "beta", "two words");
    int nkeys, valuelen;
    MPI_Info_get_nkeys(info, &nkeys);
    CHECK(nkeys == 2, "nkeys %d", nkeys);
    char key[MPI_MAX_INFO_KEY], text[MPI_MAX_INFO_VAL];
    MPI_Info_get_nthkey(info, 1, key);
    CHECK(strcmp(key, "beta") == 0, "nthkey %s", key);
    MPI_Info_get_valuelen(info, "beta", &valuelen, &flag);
    CHECK(flag && valuelen == 9, "valuelen %d", valuelen);
    MPI_Info_get(info, "beta", MPI_MAX_INFO_VAL - 1, text, &flag);
    CHECK(flag && strcmp(text, "two words") == 0, "info_get %s", text);
    MPI_Info_dup(info, &copy);
    MPI_Info_delete(info, "alpha");
    MPI_Info_get_nkeys(info, &nkeys);
    CHECK(nkeys == 1, "nkeys after delete %d", nkeys);
    MPI_Info_get(copy, "alpha", 4, text, &flag);
    CHECK(flag && strcmp(text, "1") == 0, "dup kept alpha");
    MPI_Info_get(info, "missing", 4, text, &flag);
    CHECK(!flag, "missing key found");
    MPI_Info_free(&info);
    MPI_Info_free(&copy);
    CHECK(info == MPI_INFO_NULL, "info not freed");
    return check_finish("attributes");
}
