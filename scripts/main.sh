#!/usr/bin/env bash
# The main job: install what is missing, build the SDK, regenerate the sysroot from the host's
# mpi.h, compile the example MPI programs (C and C++) to WebAssembly and run them on Open MPI,
# and the ring on MPICH (the same module).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== build (the runtime twice: against Open MPI, and against MPICH into .build/mpich)"
swift build -c release --product mpiwasm-sdk
swift build -c release --product mpiwasm
MPIWASM_HOST_MPI=mpich swift build -c release --scratch-path .build/mpich --product mpiwasm
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

echo "== the same examples as wasm, one mpiwasm per rank, on 4 ranks"
verbose=--verbose  # the first module says which engine runs it
for module in out/*.wasm; do
  echo "-- $module"
  # --check refuses, naming them, modules that import functions the runtime does not serve.
  if .build/release/mpiwasm run --check "$module"; then
    mpirun --oversubscribe -np 4 .build/release/mpiwasm run $verbose "$module"
    verbose=
  fi
done

echo "== the same ring module on MPICH: its own launcher (Hydra's mpiexec), the runtime built against it"
.build/mpich/release/mpiwasm host
mpiexec.mpich -n 4 .build/mpich/release/mpiwasm run out/ring.wasm
