// SPDX-License-Identifier: Apache-2.0
// Reference LOGISTIC (sigmoid). float32 as reference_ops::Logistic; int16 as
// reference_integer_ops::Logistic, which interpolates TFLite's sigmoid table.
// (int8/uint8 use the float-built table in ops/common/lut.h.)
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "ops/common/sigmoid_table.h"

namespace xlite::ref {

inline float logistic_float(float x) {
  // TFLite clamps to [-100, 100] first so exp never overflows.
  const float v = std::isnan(x) ? x : std::max(-100.0f, std::min(100.0f, x));
  return 1.0f / (1.0f + std::exp(-v));
}

// Input already rescaled so that 2^9 steps are one table step (1/24), i.e.
// the input scale times multiplier / 2^left_shift is 3 / 2^12; output Q0.15.
// multiplier == 0 means a power-of-two input scale: 3 << left_shift.
inline void logistic_int16(int32_t multiplier, int left_shift, int64_t n, const int16_t* input, int16_t* output) {
  if (multiplier == 0) {
    multiplier = 3 << left_shift;
    left_shift = 0;
  }
  const int32_t round = left_shift > 0 ? 1 << (left_shift - 1) : 0;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t x = (static_cast<int32_t>(input[i]) * multiplier + round) >> left_shift;
    const uint32_t ax = static_cast<uint32_t>(std::abs(x));
    const uint32_t step = ax >> 9;
    uint32_t result;
    if (step >= 255) {
      result = 0x7FFFu << 10;
    } else {
      const uint32_t a = kSigmoidTableQ16[step];
      const uint32_t b = kSigmoidTableQ16[step + 1];
      result = (a << 9) + (ax & 0x1FF) * (b - a);
    }
    // sigmoid(-x) = 1 - sigmoid(x); both rounded back to Q0.15.
    result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(result >> 10);
  }
}

}  // namespace xlite::ref
