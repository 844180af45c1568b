# SPDX-License-Identifier: Apache-2.0
# Cross-compiles xlite for 64-bit ARM Linux with Debian's cross g++
# (g++-aarch64-linux-gnu); ctest runs the binaries under qemu-aarch64
# (qemu-user). Used by scripts/build.sh --aarch64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
# Programs (flatc) come from the build machine; libraries and headers from
# the target's sysroot first, then the build machine's header-only
# packages (flatbuffers, nlohmann-json, CLI11 need no target libraries).
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
