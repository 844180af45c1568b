#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Configures and builds xlite.
#   scripts/build.sh            Release build in build/ (CLI at build/xlite)
#   scripts/build.sh --asan     clang + AddressSanitizer + UBSan + libFuzzer in build-asan/
#   scripts/build.sh --aarch64  cross-compiled for 64-bit ARM in build-aarch64/ (Debian's
#                               g++-aarch64-linux-gnu); ctest there runs under qemu-aarch64
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
# ccache (~/.cache/ccache) keeps rebuilds of a fresh clone, as in CI, fast.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  # Paths relative to the checkout, so clones in other places share the cache.
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
if [[ "${1:-}" == "--asan" ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DXLITE_SANITIZE=ON -DXLITE_FUZZ=ON "${launcher[@]}" >/dev/null
  cmake --build build-asan -j "$jobs"
elif [[ "${1:-}" == "--aarch64" ]]; then
  cmake -S . -B build-aarch64 -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake "${launcher[@]}" >/dev/null
  cmake --build build-aarch64 -j "$jobs"
else
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
  cmake --build build -j "$jobs"
fi
