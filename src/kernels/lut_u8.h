// SPDX-License-Identifier: Apache-2.0
// A 256-entry byte table applied to a run of bytes: out[i] = table[in[i]].
// The int8/uint8 elementwise ops whose output depends only on the input
// code (LOGISTIC, TANH, EXP, GELU, HARD_SWISH, ...) fill the table at
// prepare with their reference arithmetic on every code, so any variant is
// bit-exact by construction; int8 codes index by uint8(code). in == out is
// allowed (each byte is read before its output is written, no lookahead
// writes).
#pragma once

#include <cstdint>

namespace xlite::kernels {

struct LutU8Kernel {
  void (*run)(const uint8_t* table, const uint8_t* in, uint8_t* out, int64_t n);
};

}  // namespace xlite::kernels
