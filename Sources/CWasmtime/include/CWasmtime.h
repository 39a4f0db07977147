// The part of Wasmtime's C API (version 50) that mpiwasm uses, declared here so that the
// library can be loaded with dlopen at run time (from Wasmtime's C-API release or the
// `wasmtime` wheel) instead of being linked. Layouts follow wasmtime/extern.h and val.h of
// that version; values that are only passed back to Wasmtime are kept opaque.
#ifndef MPIWASM_CWASMTIME_H
#define MPIWASM_CWASMTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wasm_config_t wasm_config_t;
typedef struct wasm_engine_t wasm_engine_t;
typedef struct wasm_trap_t wasm_trap_t;
typedef struct wasm_frame_t wasm_frame_t;
typedef struct wasm_valtype_t wasm_valtype_t;
typedef struct wasm_functype_t wasm_functype_t;
typedef struct wasmtime_error_t wasmtime_error_t;
typedef struct wasmtime_store_t wasmtime_store_t;
typedef struct wasmtime_context_t wasmtime_context_t;
typedef struct wasmtime_module_t wasmtime_module_t;
typedef struct wasmtime_linker_t wasmtime_linker_t;
typedef struct wasmtime_caller_t wasmtime_caller_t;
typedef struct wasi_config_t wasi_config_t;

typedef struct { size_t size; char *data; } wasm_byte_vec_t;
typedef struct { size_t size; wasm_valtype_t **data; } wasm_valtype_vec_t;
typedef struct { size_t size; wasm_frame_t **data; } wasm_frame_vec_t;

typedef uint8_t wasm_valkind_t;
enum { MPIWASM_WASM_I32 = 0, MPIWASM_WASM_I64 = 1, MPIWASM_WASM_F32 = 2, MPIWASM_WASM_F64 = 3 };

/// `wasmtime_instance_t`: a store id and an index.
typedef struct { uint64_t store_id; size_t private_index; } wasmtime_instance_t;

/// `wasmtime_extern_t`: a kind byte, then (8-aligned) the item. The item's own layout is
/// Wasmtime's business: mpiwasm only hands the bytes back to it.
typedef struct {
    uint8_t kind;
    _Alignas(8) uint8_t of[32];
} wasmtime_extern_t;
enum { MPIWASM_WASMTIME_EXTERN_FUNC = 0, MPIWASM_WASMTIME_EXTERN_MEMORY = 3 };

/// `wasmtime_val_raw_t`: 16 bytes, little-endian scalars at offset 0.
typedef union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
} wasmtime_val_raw_t;

typedef wasm_trap_t *(*wasmtime_func_unchecked_callback_t)(
    void *env, wasmtime_caller_t *caller, wasmtime_val_raw_t *args_and_results, size_t num_args_and_results);

/// Every function mpiwasm calls, resolved with dlsym.
typedef struct {
    wasm_config_t *(*wasm_config_new)(void);
    wasm_engine_t *(*wasm_engine_new_with_config)(wasm_config_t *);
    void (*wasm_engine_delete)(wasm_engine_t *);
    void (*wasmtime_config_memory_reservation_set)(wasm_config_t *, uint64_t);
    void (*wasmtime_config_memory_guard_size_set)(wasm_config_t *, uint64_t);
    void (*wasmtime_config_memory_may_move_set)(wasm_config_t *, bool);
    void (*wasmtime_config_memory_reservation_for_growth_set)(wasm_config_t *, uint64_t);
    void (*wasmtime_config_profiler_set)(wasm_config_t *, uint8_t);

    wasmtime_store_t *(*wasmtime_store_new)(wasm_engine_t *, void *, void (*)(void *));
    wasmtime_context_t *(*wasmtime_store_context)(wasmtime_store_t *);
    void (*wasmtime_store_delete)(wasmtime_store_t *);

    wasmtime_error_t *(*wasmtime_module_new)(wasm_engine_t *, const uint8_t *, size_t, wasmtime_module_t **);
    void (*wasmtime_module_delete)(wasmtime_module_t *);
    void (*wasmtime_store_limiter)(wasmtime_store_t *, int64_t, int64_t, int64_t, int64_t, int64_t);
    wasmtime_error_t *(*wasmtime_module_serialize)(wasmtime_module_t *, wasm_byte_vec_t *);
    wasmtime_error_t *(*wasmtime_module_deserialize)(wasm_engine_t *, const uint8_t *, size_t, wasmtime_module_t **);

    wasmtime_linker_t *(*wasmtime_linker_new)(wasm_engine_t *);
    void (*wasmtime_linker_delete)(wasmtime_linker_t *);
    wasmtime_error_t *(*wasmtime_linker_define_wasi)(wasmtime_linker_t *);
    wasmtime_error_t *(*wasmtime_linker_define_func_unchecked)(
        wasmtime_linker_t *, const char *, size_t, const char *, size_t, const wasm_functype_t *,
        wasmtime_func_unchecked_callback_t, void *, void (*)(void *));
    wasmtime_error_t *(*wasmtime_linker_instantiate)(
        const wasmtime_linker_t *, wasmtime_context_t *, const wasmtime_module_t *, wasmtime_instance_t *, wasm_trap_t **);

    wasi_config_t *(*wasi_config_new)(void);
    bool (*wasi_config_set_argv)(wasi_config_t *, size_t, const char **);
    bool (*wasi_config_set_env)(wasi_config_t *, size_t, const char **, const char **);
    bool (*wasi_config_preopen_dir)(wasi_config_t *, const char *, const char *, bool);
    void (*wasi_config_inherit_stdin)(wasi_config_t *);
    void (*wasi_config_set_stdout_custom)(wasi_config_t *, ptrdiff_t (*)(void *, const unsigned char *, size_t), void *, void (*)(void *));
    void (*wasi_config_set_stderr_custom)(wasi_config_t *, ptrdiff_t (*)(void *, const unsigned char *, size_t), void *, void (*)(void *));
    wasmtime_error_t *(*wasmtime_context_set_wasi)(wasmtime_context_t *, wasi_config_t *);

    bool (*wasmtime_instance_export_get)(wasmtime_context_t *, const wasmtime_instance_t *, const char *, size_t, wasmtime_extern_t *);
    uint8_t *(*wasmtime_memory_data)(const wasmtime_context_t *, const void *memory);
    size_t (*wasmtime_memory_data_size)(const wasmtime_context_t *, const void *memory);
    wasmtime_error_t *(*wasmtime_func_call_unchecked)(wasmtime_context_t *, const void *func, wasmtime_val_raw_t *, size_t, wasm_trap_t **);
    wasmtime_context_t *(*wasmtime_caller_context)(wasmtime_caller_t *);

    void (*wasmtime_error_message)(const wasmtime_error_t *, wasm_byte_vec_t *);
    bool (*wasmtime_error_exit_status)(const wasmtime_error_t *, int *);
    void (*wasmtime_error_delete)(wasmtime_error_t *);
    wasm_trap_t *(*wasmtime_trap_new)(const char *, size_t);
    void (*wasm_trap_message)(const wasm_trap_t *, wasm_byte_vec_t *);
    void (*wasm_trap_trace)(const wasm_trap_t *, wasm_frame_vec_t *);
    void (*wasm_trap_delete)(wasm_trap_t *);
    const wasm_byte_vec_t *(*wasmtime_frame_func_name)(const wasm_frame_t *);
    uint32_t (*wasm_frame_func_index)(const wasm_frame_t *);
    void (*wasm_frame_vec_delete)(wasm_frame_vec_t *);
    void (*wasm_byte_vec_delete)(wasm_byte_vec_t *);

    wasm_valtype_t *(*wasm_valtype_new)(wasm_valkind_t);
    void (*wasm_valtype_vec_new)(wasm_valtype_vec_t *, size_t, wasm_valtype_t *const *);
    void (*wasm_valtype_vec_new_empty)(wasm_valtype_vec_t *);
    wasm_functype_t *(*wasm_functype_new)(wasm_valtype_vec_t *, wasm_valtype_vec_t *);
    void (*wasm_functype_delete)(wasm_functype_t *);
} mpiwasm_wasmtime_api;

/// Opens the library at `path` and resolves every function of `api`.
/// Returns 0, or -1 with a message in `error` (the dlopen error or the first missing symbol).
int mpiwasm_wasmtime_load(const char *path, mpiwasm_wasmtime_api *api, char *error, size_t error_size);

#endif
