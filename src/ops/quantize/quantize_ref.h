// SPDX-License-Identifier: Apache-2.0
// Reference QUANTIZE. float -> integer: round(x / scale) + zero_point with
// the division in float and round half away from zero
// (reference_ops::AffineQuantize), per tensor or per axis. integer -> integer: the offset input
// rescaled by in_scale / out_scale as a fixed-point multiplier
// (reference_ops::Requantize). Both clamp to the output type.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/common/lut.h"
#include "ops/common/quant.h"

namespace xlite::ref {

template <typename Out>
void affine_quantize(int64_t n, const float* input, float scale, int32_t zero_point, Out* output) {
  constexpr int32_t lo = std::numeric_limits<Out>::min();
  constexpr int32_t hi = std::numeric_limits<Out>::max();
  for (int64_t i = 0; i < n; ++i) {
    // Out-of-range and NaN inputs convert as x86 does (INT32_MIN), so they
    // land on the low end as they do in TFLite on that platform.
    const int32_t q = lut::float_to_int32_x86(std::round(input[i] / scale));
    const int64_t unclamped = static_cast<int64_t>(q) + zero_point;
    output[i] = static_cast<Out>(std::clamp<int64_t>(unclamped, lo, hi));
  }
}

// Per-axis output (reference_ops::PerChannelQuantize): the same rounding
// with channel c's scale and zero point, c the index along the quantized
// axis; the tensor is [outer, channels, inner] around that axis.
template <typename Out>
void affine_quantize_per_axis(int64_t outer, int32_t channels, int64_t inner, const float* input, const float* scales,
                              const int64_t* zero_points, Out* output) {
  for (int64_t o = 0; o < outer; ++o)
    for (int32_t c = 0; c < channels; ++c) {
      const int64_t at = (o * channels + c) * inner;
      affine_quantize(inner, input + at, scales[c], static_cast<int32_t>(zero_points[c]), output + at);
    }
}

template <typename In, typename Out>
void requantize(int64_t n, const In* input, int32_t input_zero_point, int32_t multiplier, int shift,
                int32_t output_zero_point, Out* output) {
  constexpr int32_t lo = std::numeric_limits<Out>::min();
  constexpr int32_t hi = std::numeric_limits<Out>::max();
  for (int64_t i = 0; i < n; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t q = quant::multiply_by_quantized_multiplier(x, multiplier, shift) + output_zero_point;
    output[i] = static_cast<Out>(std::clamp(q, lo, hi));
  }
}

}  // namespace xlite::ref
