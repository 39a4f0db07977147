# CMake toolchain for building MPI programs in C and C++ as wasm32-wasi modules for mpiwasm.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<mpiwasm>/cmake/mpiwasm-toolchain.cmake -B build .
#
# find_package(MPI) then succeeds with the sysroot's mpi.h (imports from the wasm module "mpi",
# nothing to link), and executables get the .wasm suffix. Run them with `mpirun mpiwasm run`.
cmake_minimum_required(VERSION 3.13)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
get_filename_component(MPIWASM_HOME "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(MPIWASM_SYSROOT "${MPIWASM_HOME}/sysroot" CACHE PATH "mpiwasm wasm32 sysroot")
if(NOT EXISTS "${MPIWASM_SYSROOT}/include/mpi.h" OR NOT EXISTS "${MPIWASM_SYSROOT}/lib/wasm32-wasi/libc.a"
   OR NOT EXISTS "${MPIWASM_SYSROOT}/lib/mpiwasm/large_alloc.o")
  message(FATAL_ERROR "mpiwasm sysroot not assembled at ${MPIWASM_SYSROOT}: run `mpiwasm-sdk generate` (or `mpiwasm-sdk sysroot`)")
endif()

set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_SYSROOT "${MPIWASM_SYSROOT}")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_EXECUTABLE_SUFFIX_C ".wasm")
set(CMAKE_EXECUTABLE_SUFFIX_CXX ".wasm")

# The same emulations of POSIX pieces WASI lacks as `mpiwasm-sdk cc`.
set(_mpiwasm_emulations "-D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_GETPID")
# Wasm SIMD, which Wasmtime compiles to vector instructions (see `mpiwasm-sdk bench`).
set(CMAKE_C_FLAGS_INIT "${_mpiwasm_emulations} -msimd128")
set(CMAKE_CXX_FLAGS_INIT "${_mpiwasm_emulations} -msimd128 -fno-exceptions")
# Function pointers start at table index 2: 1 is MPI_COMM_DUP_FN in the ABI. Large blocks from
# malloc and calloc start on a page (headers/guest/large_alloc.c), as with `mpiwasm-sdk cc`.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-lwasi-emulated-process-clocks -lwasi-emulated-signal -lwasi-emulated-mman -lwasi-emulated-getpid -Wl,--table-base=2 ${MPIWASM_SYSROOT}/lib/mpiwasm/large_alloc.o -Wl,--wrap=malloc -Wl,--wrap=calloc")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# MPI comes with the sysroot: the compiler itself builds MPI programs, no wrapper, no library.
set(MPI_SKIP_COMPILER_WRAPPER TRUE)
set(MPI_SKIP_GUESSING TRUE)
set(MPI_ASSUME_NO_BUILTIN_MPI FALSE)
