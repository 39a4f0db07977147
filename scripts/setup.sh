#!/usr/bin/env bash
# Installs what mpiwasm needs on a Debian 12 machine, only what is missing (idempotent):
# Open MPI and MPICH, libclang 14, the wasm32 toolchain (clang/lld 19, WASI libc, libc++ 14 for wasm32,
# compiler-rt 19 for wasm32) and CMake. Sourced by scripts/main.sh and scripts/test.sh.
set -euo pipefail

packages=(
  libopenmpi-dev openmpi-bin            # the host MPI whose mpi.h the SDK reads and the runtime calls
  libmpich-dev mpich                    # the second host MPI (MPICH, Hydra's mpiexec): one module runs on both
  iproute2                              # ip netns: the multi-host test's network namespaces
  libclang-dev                          # libclang 14, the SDK's C front end
  clang-19 lld-19 wasi-libc             # the wasm32-wasi C toolchain
  libc++-14-dev-wasm32 libc++abi-14-dev-wasm32   # libc++ with <fstream> (the 19 build lacks it)
  libclang-rt-19-dev-wasm32             # compiler-rt builtins for wasm32
  cmake                                 # for the CMake toolchain file and its test
  time                                  # GNU time: peak memory per rank in `mpiwasm-sdk bench`
  procps                                # pgrep: the test that kills one rank of a job finds it
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Wasmtime's C library, from the pinned PyPI wheel, into a project-local folder.
wasmtime_version=50.0.1
wasmtime_lib=.local/wasmtime/wasmtime/linux-x86_64/_libwasmtime.so
if [ ! -f "$wasmtime_lib" ] || ! grep -qx "$wasmtime_version" .local/wasmtime/VERSION 2>/dev/null; then
  echo "setup: installing wasmtime $wasmtime_version into .local/wasmtime"
  rm -rf .local/wasmtime
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target .local/wasmtime "wasmtime==$wasmtime_version"
  echo "$wasmtime_version" > .local/wasmtime/VERSION
fi

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || { echo "setup: Swift 6 is required (swift not found)" >&2; exit 1; }

# Open MPI refuses root without these; CI and containers run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
