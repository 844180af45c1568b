// SPDX-License-Identifier: Apache-2.0
// Reference PRELU: x >= 0 ? x : alpha * x, alpha broadcast against x.
// Quantized (TFLite reference_ops::BroadcastPrelu4DSlow / Prelu, prelu.h):
// x - zp_in >= 0 is rescaled by in_scale / out_scale; below zero the int32
// product (x - zp_in) * (alpha - zp_alpha) is rescaled by
// in_scale * alpha_scale / out_scale. The result is clamped to the type.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "ops/common/broadcast.h"
#include "ops/common/quant.h"

namespace xlite::ref {

inline void prelu_float(const bcast::Map& m, const float* in, const float* alpha, float* out) {
  bcast::apply(m, in, alpha, out, [](float x, float a) { return x >= 0.0f ? x : x * a; });
}

struct PreluParams {
  int32_t in_offset = 0, alpha_offset = 0, out_offset = 0;
  int32_t multiplier_1 = 0, multiplier_2 = 0;
  int shift_1 = 0, shift_2 = 0;
};

template <typename T>
void prelu_quantized(const bcast::Map& m, const T* in, const T* alpha, const PreluParams& p, T* out) {
  const int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  bcast::apply(m, in, alpha, out, [&](T x, T a) {
    const int32_t v = p.in_offset + static_cast<int32_t>(x);
    int32_t r;
    if (v >= 0) {
      r = quant::multiply_by_quantized_multiplier(v, p.multiplier_1, p.shift_1);
    } else {
      const int32_t av = p.alpha_offset + static_cast<int32_t>(a);
      r = quant::multiply_by_quantized_multiplier(v * av, p.multiplier_2, p.shift_2);
    }
    return static_cast<T>(std::min(hi, std::max(lo, r + p.out_offset)));
  });
}

}  // namespace xlite::ref
