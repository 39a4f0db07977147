// libclang's C API (Debian libclang-dev: /usr/lib/llvm-14/include, added by Package.swift).
#include <clang-c/Index.h>
