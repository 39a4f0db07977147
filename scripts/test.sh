#!/usr/bin/env bash
# The whole test suite: install what is missing, build, assemble the sysroot, run the tests.
# Tests that need MPI, clang or cmake run for real; none skips itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build
# The runtime again, built against MPICH (MPIWASM_HOST_MPI=mpich; see Package.swift), for the
# tests that run the same modules on both hosts.
MPIWASM_HOST_MPI=mpich swift build --scratch-path .build/mpich --product mpiwasm
.build/debug/mpiwasm-sdk sysroot >/dev/null
.build/debug/mpiwasm-sdk generate --check
.build/debug/mpiwasm-sdk generate --check --runtime-only --mpi-include "$(pkg-config --variable=includedir mpich)"
swift test
