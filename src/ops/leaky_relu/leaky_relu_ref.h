// SPDX-License-Identifier: Apache-2.0
// Reference LEAKY_RELU: x > 0 ? x : alpha * x.
// Quantized (TFLite reference_ops::QuantizeLeakyRelu, leaky_relu.h): two
// multipliers, in_scale / out_scale for x >= zero point and
// in_scale * alpha / out_scale below it. A negative alpha gives a negative
// multiplier, which is applied by magnitude and the result negated.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "ops/common/quant.h"

namespace xlite::ref {

inline void leaky_relu_float(int64_t n, const float* in, float alpha, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : in[i] * alpha;
}

struct LeakyReluParams {
  int32_t in_zero_point = 0, out_zero_point = 0;
  int32_t identity_multiplier = 0, alpha_multiplier = 0;
  int identity_shift = 0, alpha_shift = 0;
};

template <typename T>
void leaky_relu_quantized(int64_t n, const T* in, const LeakyReluParams& p, T* out) {
  const bool negative_alpha = p.alpha_multiplier < 0;
  const int32_t alpha_magnitude = negative_alpha ? -p.alpha_multiplier : p.alpha_multiplier;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(in[i]) - p.in_zero_point;
    int32_t r = p.out_zero_point;
    if (v >= 0) {
      r += quant::multiply_by_quantized_multiplier(v, p.identity_multiplier, p.identity_shift);
    } else {
      const int32_t scaled = quant::multiply_by_quantized_multiplier(v, alpha_magnitude, p.alpha_shift);
      r += negative_alpha ? -scaled : scaled;
    }
    const int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    out[i] = static_cast<T>(std::min(hi, std::max(lo, r)));
  }
}

}  // namespace xlite::ref
