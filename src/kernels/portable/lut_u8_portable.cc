// SPDX-License-Identifier: Apache-2.0
// Table lookup (lut_u8.h), plain C++: one load per byte.
#include "kernels/lut_u8.h"

namespace xlite::kernels {
namespace {

void lut_u8_portable_run(const uint8_t* table, const uint8_t* in, uint8_t* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = table[in[i]];
}

}  // namespace

extern const LutU8Kernel lut_u8_portable = {&lut_u8_portable_run};

}  // namespace xlite::kernels
