#include "CWasmtime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int mpiwasm_wasmtime_load(const char *path, mpiwasm_wasmtime_api *api, char *error, size_t error_size) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, error_size, "%s", dlerror());
        return -1;
    }
    memset(api, 0, sizeof *api);
#define RESOLVE(name)                                                                     \
    do {                                                                                  \
        *(void **)(&api->name) = dlsym(library, #name);                                   \
        if (api->name == NULL) {                                                          \
            snprintf(error, error_size, "%s lacks %s (Wasmtime 50 or newer is needed)", path, #name); \
            dlclose(library);                                                             \
            return -1;                                                                    \
        }                                                                                 \
    } while (0)
    RESOLVE(wasm_config_new);
    RESOLVE(wasm_engine_new_with_config);
    RESOLVE(wasm_engine_delete);
    RESOLVE(wasmtime_config_memory_reservation_set);
    RESOLVE(wasmtime_config_memory_guard_size_set);
    RESOLVE(wasmtime_config_memory_may_move_set);
    RESOLVE(wasmtime_config_memory_reservation_for_growth_set);
    RESOLVE(wasmtime_config_profiler_set);
    RESOLVE(wasmtime_store_new);
    RESOLVE(wasmtime_store_context);
    RESOLVE(wasmtime_store_delete);
    RESOLVE(wasmtime_module_new);
    RESOLVE(wasmtime_module_delete);
    RESOLVE(wasmtime_store_limiter);
    RESOLVE(wasmtime_module_serialize);
    RESOLVE(wasmtime_module_deserialize);
    RESOLVE(wasmtime_linker_new);
    RESOLVE(wasmtime_linker_delete);
    RESOLVE(wasmtime_linker_define_wasi);
    RESOLVE(wasmtime_linker_define_func_unchecked);
    RESOLVE(wasmtime_linker_instantiate);
    RESOLVE(wasi_config_new);
    RESOLVE(wasi_config_set_argv);
    RESOLVE(wasi_config_set_env);
    RESOLVE(wasi_config_preopen_dir);
    RESOLVE(wasi_config_inherit_stdin);
    RESOLVE(wasi_config_set_stdout_custom);
    RESOLVE(wasi_config_set_stderr_custom);
    RESOLVE(wasmtime_context_set_wasi);
    RESOLVE(wasmtime_instance_export_get);
    RESOLVE(wasmtime_memory_data);
    RESOLVE(wasmtime_memory_data_size);
    RESOLVE(wasmtime_func_call_unchecked);
    RESOLVE(wasmtime_caller_context);
    RESOLVE(wasmtime_error_message);
    RESOLVE(wasmtime_error_exit_status);
    RESOLVE(wasmtime_error_delete);
    RESOLVE(wasmtime_trap_new);
    RESOLVE(wasm_trap_message);
    RESOLVE(wasm_trap_trace);
    RESOLVE(wasm_trap_delete);
    RESOLVE(wasmtime_frame_func_name);
    RESOLVE(wasm_frame_func_index);
    RESOLVE(wasm_frame_vec_delete);
    RESOLVE(wasm_byte_vec_delete);
    RESOLVE(wasm_valtype_new);
    RESOLVE(wasm_valtype_vec_new);
    RESOLVE(wasm_valtype_vec_new_empty);
    RESOLVE(wasm_functype_new);
    RESOLVE(wasm_functype_delete);
#undef RESOLVE
    return 0;
}
