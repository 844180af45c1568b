// SPDX-License-Identifier: Apache-2.0
// Reference SQRT for int8/int16 as TFLite elementwise.cc SqrtEvalQuantized
// computes it: dequantize, sqrt in float, divide by the output scale and
// truncate toward zero (not round), add the zero point, clamp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace xlite::ref {

// False for a negative input, which TFLite reports as an error.
template <typename T>
bool sqrt_quantized(int64_t n, const T* input, float input_scale, int32_t input_zero_point, float output_scale,
                    int32_t output_zero_point, T* output) {
  constexpr int32_t lo = std::numeric_limits<T>::min();
  constexpr int32_t hi = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < n; ++i) {
    const float v = input_scale * static_cast<float>(static_cast<int32_t>(input[i]) - input_zero_point);
    if (!(v >= 0.0f)) return false;
    const int32_t q = static_cast<int32_t>(std::sqrt(v) / output_scale) + output_zero_point;
    output[i] = static_cast<T>(std::clamp(q, lo, hi));
  }
  return true;
}

}  // namespace xlite::ref
