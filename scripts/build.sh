#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Configures and builds xlite.
#   scripts/build.sh            Release build in build/ (CLI at build/xlite)
#   scripts/build.sh --asan     clang + AddressSanitizer + UBSan + libFuzzer in build-asan/
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
else
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
  cmake --build build -j "$jobs"
fi
