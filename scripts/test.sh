#!/usr/bin/env bash
# The whole test suite: install what is missing, build, assemble the sysroot, run the tests.
# Tests that need MPI, clang or cmake run for real; none skips itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build
.build/debug/mpiwasm-sdk sysroot >/dev/null
.build/debug/mpiwasm-sdk generate --check
swift test
