// SPDX-License-Identifier: Apache-2.0
// Reference TANH. float32 with std::tanh (reference_ops::Tanh); int16 as
// reference_integer_ops::Tanh: tanh(x) = 2 * sigmoid(2x) - 1 read off
// TFLite's sigmoid table. (int8/uint8 use the table in ops/common/lut.h.)
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "ops/common/sigmoid_table.h"

namespace xlite::ref {

// Input rescaled so that 2^8 steps are one table step, output Q0.15.
// multiplier == 0 means a power-of-two input scale: 3 << left_shift.
inline void tanh_int16(int32_t multiplier, int left_shift, int64_t n, const int16_t* input, int16_t* output) {
  if (multiplier == 0) {
    multiplier = 3 << left_shift;
    left_shift = 0;
  }
  const int32_t round = left_shift > 0 ? 1 << (left_shift - 1) : 0;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t x = (static_cast<int32_t>(input[i]) * multiplier + round) >> left_shift;
    const uint32_t ax = static_cast<uint32_t>(std::abs(x));
    const uint32_t step = ax >> 8;
    int32_t result;
    if (step >= 255) {
      result = 0xFFFF << 8;
    } else {
      const uint32_t a = kSigmoidTableQ16[step];
      const uint32_t b = kSigmoidTableQ16[step + 1];
      result = static_cast<int32_t>((a << 8) + (ax & 0xFF) * (b - a));
    }
    // 2 * sigmoid - 1 in Q0.24 with rounding, then down to Q0.15.
    result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(result >> 8);
  }
}

}  // namespace xlite::ref
