/* mpiwasm-run: --allow-cvar-write
 * The environment and the tools interface: thread levels, versions, names, clocks, deprecated
 * attribute calls, Fortran-parameterised types, MPI_T control and performance variables,
 * categories and enumerations; variables read, and written where the host allows it (the runner
 * grants --allow-cvar-write, above), through handles. Both builds talk to the same host library,
 * so what it reports (counts, names, sizes) must be the same, value for value. */
#include "matrix.h"
#include "matrix_model.h"

/* Constants differ in value between the host and the ABI: print their names. */
#define NAME(value, constant) if ((value) == (constant)) return #constant
static const char *thread_level(int level) {
    NAME(level, MPI_THREAD_SINGLE); NAME(level, MPI_THREAD_FUNNELED); NAME(level, MPI_THREAD_SERIALIZED); NAME(level, MPI_THREAD_MULTIPLE);
    return "unknown";
}
static const char *binding(int bind) {
    NAME(bind, MPI_T_BIND_NO_OBJECT); NAME(bind, MPI_T_BIND_MPI_COMM); NAME(bind, MPI_T_BIND_MPI_DATATYPE);
    NAME(bind, MPI_T_BIND_MPI_FILE); NAME(bind, MPI_T_BIND_MPI_WIN); NAME(bind, MPI_T_BIND_MPI_REQUEST);
    return "other";
}
static const char *scope_name(int scope) {
    NAME(scope, MPI_T_SCOPE_CONSTANT); NAME(scope, MPI_T_SCOPE_READONLY); NAME(scope, MPI_T_SCOPE_LOCAL);
    NAME(scope, MPI_T_SCOPE_GROUP); NAME(scope, MPI_T_SCOPE_GROUP_EQ); NAME(scope, MPI_T_SCOPE_ALL); NAME(scope, MPI_T_SCOPE_ALL_EQ);
    return "other";
}
static const char *pvar_class(int var_class) {
    NAME(var_class, MPI_T_PVAR_CLASS_STATE); NAME(var_class, MPI_T_PVAR_CLASS_LEVEL); NAME(var_class, MPI_T_PVAR_CLASS_SIZE);
    NAME(var_class, MPI_T_PVAR_CLASS_PERCENTAGE); NAME(var_class, MPI_T_PVAR_CLASS_HIGHWATERMARK);
    NAME(var_class, MPI_T_PVAR_CLASS_LOWWATERMARK); NAME(var_class, MPI_T_PVAR_CLASS_COUNTER);
    NAME(var_class, MPI_T_PVAR_CLASS_AGGREGATE); NAME(var_class, MPI_T_PVAR_CLASS_TIMER); NAME(var_class, MPI_T_PVAR_CLASS_GENERIC);
    return "other";
}

static void initialisation(void) {
    int flag = -1;
    MPI_Finalized(&flag);
    mw_value("MPI_Finalized before MPI_Finalize", flag);
    MPI_Initialized(&flag);
    mw_value("MPI_Initialized", flag);
    int provided = -1, queried = -2, main_thread = -1;
    MPI_Query_thread(&queried);
    MPI_Is_thread_main(&main_thread);
    mw_case("MPI_Init_thread MPI_Query_thread MPI_Is_thread_main", queried >= MPI_THREAD_SINGLE && main_thread == 1, NULL);
    (void)provided;
}

static void versions(void) {
    int version = 0, subversion = 0, length = 0;
    MPI_Get_version(&version, &subversion);
    mw_value("MPI_Get_version", version * 10 + subversion);
    char library[MPI_MAX_LIBRARY_VERSION_STRING];
    MPI_Get_library_version(library, &length);
    mw_case("MPI_Get_library_version", length > 0 && strlen(library) > 0, NULL);
    if (mw_rank == 0) printf("MPI_Get_library_version starts: %.24s\n", library);
    char host[MPI_MAX_PROCESSOR_NAME];
    MPI_Get_processor_name(host, &length);
    mw_case("MPI_Get_processor_name", length > 0 && (int)strlen(host) == length, NULL);
    double tick = MPI_Wtick(), start = MPI_Wtime();
    mw_case("MPI_Wtick MPI_Wtime", tick > 0 && tick < 1 && MPI_Wtime() >= start, NULL);
}

static void deprecated_attributes(void) {
    int keyval = MPI_KEYVAL_INVALID, flag = 0, ok;
    static int value = 42;
    int *got = NULL;
    ok = MPI_Keyval_create(MPI_NULL_COPY_FN, MPI_NULL_DELETE_FN, &keyval, NULL) == MPI_SUCCESS;
    ok = ok && MPI_Attr_put(MPI_COMM_WORLD, keyval, &value) == MPI_SUCCESS;
    ok = ok && MPI_Attr_get(MPI_COMM_WORLD, keyval, &got, &flag) == MPI_SUCCESS && flag && got == &value && *got == 42;
    ok = ok && MPI_Attr_delete(MPI_COMM_WORLD, keyval) == MPI_SUCCESS;
    ok = ok && MPI_Attr_get(MPI_COMM_WORLD, keyval, &got, &flag) == MPI_SUCCESS && !flag;
    ok = ok && MPI_Keyval_free(&keyval) == MPI_SUCCESS && keyval == MPI_KEYVAL_INVALID;
    mw_case("MPI_Keyval_create MPI_Attr_put MPI_Attr_get MPI_Attr_delete MPI_Keyval_free", ok, NULL);
    int *tag_ub = NULL;
    ok = MPI_Attr_get(MPI_COMM_WORLD, MPI_TAG_UB, &tag_ub, &flag) == MPI_SUCCESS && flag && *tag_ub >= 32767;
    mw_case("MPI_Attr_get MPI_TAG_UB", ok, NULL);
}

static void parent_and_disconnect(void) {
    MPI_Comm parent = MPI_COMM_WORLD, copy;
    MPI_Comm_get_parent(&parent);
    mw_value("MPI_Comm_get_parent is MPI_COMM_NULL", parent == MPI_COMM_NULL);
    MPI_Comm_dup(MPI_COMM_WORLD, &copy);
    int ok = MPI_Comm_disconnect(&copy) == MPI_SUCCESS && copy == MPI_COMM_NULL;
    mw_case("MPI_Comm_disconnect", ok, NULL);
}

static void fortran_types(void) {
    MPI_Datatype integer, real, complex_;
    int size = 0;
    mw_probe("MPI_Type_create_f90_integer 9", MPI_Type_create_f90_integer(9, &integer));
    MPI_Type_size(integer, &size);
    mw_value("MPI_Type_create_f90_integer 9: size", size);
    mw_probe("MPI_Type_create_f90_real 6 30", MPI_Type_create_f90_real(6, 30, &real));
    MPI_Type_size(real, &size);
    mw_value("MPI_Type_create_f90_real 6 30: size", size);
    mw_probe("MPI_Type_create_f90_complex 15 300", MPI_Type_create_f90_complex(15, 300, &complex_));
    MPI_Type_size(complex_, &size);
    mw_value("MPI_Type_create_f90_complex 15 300: size", size);
    mw_probe("MPI_Type_create_f90_real 1000 1000 (no such kind)", MPI_Type_create_f90_real(1000, 1000, &real));
}

/* Control variables: names, types and bindings of the first few; one read through a handle. */
static void control_variables(void) {
    int count = 0;
    mw_probe("MPI_T_cvar_get_num", MPI_T_cvar_get_num(&count));
    mw_value("MPI_T_cvar_get_num: count", count);
    /* The tools interface returns its errors and never calls an error handler, fatal or not. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    int missing = 0;
    mw_probe("MPI_T_cvar_get_index of no such variable, MPI_ERRORS_ARE_FATAL on MPI_COMM_WORLD", MPI_T_cvar_get_index("mpiwasm_no_such_variable", &missing));
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int read = 0;
    int described = 0;
    for (int index = 0; index < count && index < 400; index++) {
        char name[256], description[1024];
        int name_length = sizeof name, description_length = sizeof description, verbosity, bind, scope;
        MPI_Datatype datatype;
        MPI_T_enum enumtype;
        if (MPI_T_cvar_get_info(index, name, &name_length, &verbosity, &datatype, &enumtype, description, &description_length, &bind, &scope) != MPI_SUCCESS) continue;
        if (index < 8 && mw_rank == 0) printf("MPI_T_cvar_get_info %d: %s, %s, %s, %s\n", index, name, datatype == MPI_INT ? "int" : "other", binding(bind), scope_name(scope));
        int found = -1;
        MPI_T_cvar_get_index(name, &found);
        if (index < 8) mw_value("MPI_T_cvar_get_index of its name", found == index);
        if (enumtype != MPI_T_ENUM_NULL && described < 2) {
            described++;
            int items = 0, value = 0;
            char enum_name[256], item_name[256];
            int enum_length = sizeof enum_name, item_length = sizeof item_name;
            MPI_T_enum_get_info(enumtype, &items, enum_name, &enum_length);
            if (items > 0) MPI_T_enum_get_item(enumtype, 0, &value, item_name, &item_length);
            if (mw_rank == 0) printf("MPI_T_enum_get_info MPI_T_enum_get_item of %s: %s, %d items, first %s\n", name, enum_name, items, items > 0 ? item_name : "-");
        }
        /* Integer and string variables bound to nothing or to a communicator, through handles. */
        int is_string = datatype == MPI_CHAR;
        if ((datatype == MPI_INT || is_string) && (bind == MPI_T_BIND_NO_OBJECT || bind == MPI_T_BIND_MPI_COMM) && read < 4) {
            MPI_T_cvar_handle handle;
            MPI_Comm object = MPI_COMM_WORLD;
            int elements = 0;
            char value[4096];
            memset(value, 0, sizeof value);
            int ok = MPI_T_cvar_handle_alloc(index, &object, &handle, &elements) == MPI_SUCCESS;
            ok = ok && elements >= 1 && (is_string || elements == 1) && elements <= (int)sizeof value;
            ok = ok && MPI_T_cvar_read(handle, value) == MPI_SUCCESS;
            if (mw_rank == 0 && ok) {
                if (is_string) printf("MPI_T_cvar_read %s (%s): \"%.40s\"\n", name, binding(bind), value);
                else printf("MPI_T_cvar_read %s (%s): %d\n", name, binding(bind), *(int *)value);
            }
            mw_probe("MPI_T_cvar_write of the value read", MPI_T_cvar_write(handle, value));
            ok = ok && MPI_T_cvar_handle_free(&handle) == MPI_SUCCESS && handle == MPI_T_CVAR_HANDLE_NULL;
            mw_case("MPI_T_cvar_handle_alloc MPI_T_cvar_read MPI_T_cvar_handle_free", ok, name);
            read++;
        }
    }
}

/* Performance variables: the first few described; one started, read, reset and stopped. */
static void performance_variables(void) {
    int count = 0;
    mw_probe("MPI_T_pvar_get_num", MPI_T_pvar_get_num(&count));
    mw_value("MPI_T_pvar_get_num: count", count);
    MPI_T_pvar_session session;
    mw_probe("MPI_T_pvar_session_create", MPI_T_pvar_session_create(&session));
    int used = 0;
    for (int index = 0; index < count; index++) {
        char name[256], description[1024];
        int name_length = sizeof name, description_length = sizeof description;
        int verbosity, var_class, bind, readonly, continuous, atomic;
        MPI_Datatype datatype;
        MPI_T_enum enumtype;
        if (MPI_T_pvar_get_info(index, name, &name_length, &verbosity, &var_class, &datatype, &enumtype, description,
                                &description_length, &bind, &readonly, &continuous, &atomic) != MPI_SUCCESS) continue;
        if (index < 6 && mw_rank == 0) printf("MPI_T_pvar_get_info %d: %s, %s, %s, continuous %d\n", index, name, pvar_class(var_class), binding(bind), continuous);
        int found = -1;
        MPI_T_pvar_get_index(name, var_class, &found);
        if (index < 6) mw_value("MPI_T_pvar_get_index of its name and class", found == index);
        if (bind != MPI_T_BIND_NO_OBJECT && bind != MPI_T_BIND_MPI_COMM) continue;
        if (used >= 3 || strstr(name, "psm2")) continue; /* Open MPI 4.1's PSM2 transport crashes here without a PSM2 device */
        int type_size = 0;
        MPI_Type_size(datatype, &type_size);
        if (type_size < 1 || type_size > 8) continue;
        MPI_T_pvar_handle handle;
        MPI_Comm object = MPI_COMM_WORLD;
        int elements = 0;
        unsigned char value[64 * 8];
        int ok = MPI_T_pvar_handle_alloc(session, index, &object, &handle, &elements) == MPI_SUCCESS && elements >= 1 && elements <= 64;
        ok = ok && MPI_T_pvar_read(session, handle, value) == MPI_SUCCESS;
        /* Starting, stopping, resetting and writing succeed or fail as the variable's kind says
         * (continuous, read-only): the host decides, and both builds must hear the same. */
        mw_probe("MPI_T_pvar_start", MPI_T_pvar_start(session, handle));
        mw_probe("MPI_T_pvar_stop", MPI_T_pvar_stop(session, handle));
        mw_probe("MPI_T_pvar_reset", MPI_T_pvar_reset(session, handle));
        mw_probe("MPI_T_pvar_readreset", MPI_T_pvar_readreset(session, handle, value));
        mw_probe("MPI_T_pvar_write", MPI_T_pvar_write(session, handle, value));
        ok = ok && MPI_T_pvar_handle_free(session, &handle) == MPI_SUCCESS && handle == MPI_T_PVAR_HANDLE_NULL;
        if (mw_rank == 0) printf("MPI_T_pvar_handle_alloc MPI_T_pvar_read MPI_T_pvar_handle_free on %s (%s, continuous %d, read-only %d): %s\n", name, binding(bind), continuous, readonly, ok ? "ok" : "FAILED");
        used++;
    }
    mw_probe("MPI_T_pvar_session_free", MPI_T_pvar_session_free(&session));
}

static void categories(void) {
    int count = 0, stamp = -1;
    mw_probe("MPI_T_category_get_num", MPI_T_category_get_num(&count));
    mw_value("MPI_T_category_get_num: count", count);
    mw_probe("MPI_T_category_changed", MPI_T_category_changed(&stamp));
    for (int index = 0; index < count && index < 6; index++) {
        char name[256], description[1024];
        int name_length = sizeof name, description_length = sizeof description, cvars, pvars, subcategories;
        if (MPI_T_category_get_info(index, name, &name_length, description, &description_length, &cvars, &pvars, &subcategories) != MPI_SUCCESS) continue;
        int found = -1, indices[1024];
        MPI_T_category_get_index(name, &found);
        int ok = found == index;
        if (cvars > 0) ok = ok && MPI_T_category_get_cvars(index, cvars < 1024 ? cvars : 1024, indices) == MPI_SUCCESS;
        if (pvars > 0) ok = ok && MPI_T_category_get_pvars(index, pvars < 1024 ? pvars : 1024, indices) == MPI_SUCCESS;
        if (subcategories > 0) ok = ok && MPI_T_category_get_categories(index, subcategories < 1024 ? subcategories : 1024, indices) == MPI_SUCCESS;
        if (mw_rank == 0) printf("MPI_T_category_get_info %d: %s, %d cvars, %d pvars, %d subcategories\n", index, name, cvars, pvars, subcategories);
        mw_case("MPI_T_category_get_index MPI_T_category_get_cvars MPI_T_category_get_pvars MPI_T_category_get_categories", ok, NULL);
    }
}

int main(int argc, char **argv) {
    int provided = -1;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &mw_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &mw_size);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    if (mw_rank == 0) printf("MPI_Init_thread MPI_THREAD_FUNNELED: provided %s\n", thread_level(provided));
    initialisation();
    versions();
    deprecated_attributes();
    parent_and_disconnect();
    fortran_types();
    int tools = -1;
    mw_probe("MPI_T_init_thread", MPI_T_init_thread(MPI_THREAD_SINGLE, &tools));
    control_variables();
    performance_variables();
    categories();
    mw_probe("MPI_T_finalize", MPI_T_finalize());
    int failed = mw_end();
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (mw_rank == 0) printf("MPI_Finalized after MPI_Finalize: %d\n", finalized);
    return failed;
}
