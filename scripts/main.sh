#!/usr/bin/env bash
# The main job: install what is missing, build the SDK, regenerate the sysroot from the host's
# mpi.h, and compile the example MPI programs (C and C++) to WebAssembly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== build"
swift build -c release --product mpiwasm-sdk
swift build -c release --product mpiwasm
sdk=.build/release/mpiwasm-sdk

echo "== generate (host mpi.h -> sysroot/include/mpi.h, generated/)"
$sdk generate

echo "== compile the examples to wasm32 with the SDK"
mkdir -p out
for source in examples/*.c examples/*.cpp; do
  name=$(basename "${source%.*}")
  if [[ $source == *.cpp ]]; then compiler=c++; else compiler=cc; fi
  $sdk $compiler -O2 "$source" -o "out/$name.wasm"
  echo "out/$name.wasm: $(stat -c %s "out/$name.wasm") bytes"
done

echo "== native reference: the same ring program built with mpicc, on 4 ranks"
mpicc -O2 examples/ring.c -o out/ring.native
mpirun --oversubscribe -np 4 out/ring.native

echo "== the wasm modules on 4 ranks"
if .build/release/mpiwasm run --check out/ring.wasm >/dev/null 2>&1; then
  mpirun --oversubscribe -np 4 .build/release/mpiwasm run out/ring.wasm
else
  .build/release/mpiwasm run out/ring.wasm || true
fi
