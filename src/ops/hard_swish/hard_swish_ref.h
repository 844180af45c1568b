// SPDX-License-Identifier: Apache-2.0
// Reference HARD_SWISH: x * relu6(x + 3) / 6. float32 as written; int8 and
// uint8 through TFLite's int16 fixed-point pipeline (reference_ops::HardSwish
// in kernels/internal/reference/hard_swish.h): the input is lifted to a
// "hires" scale (x 2^7), scaled once onto the output scale and once onto a
// [-3, 3] -> [-1, 1] "reluish" scale, and the two are multiplied.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "ops/common/fixed_point.h"

namespace xlite::ref {

inline float hard_swish_float(float x) { return x * std::min(6.0f, std::max(0.0f, x + 3)) / 6; }

struct HardSwishParams {
  int32_t input_zero_point;
  int32_t output_zero_point;
  int16_t output_multiplier;  // Q0.15
  int output_exponent;        // <= 0
  int16_t reluish_multiplier;  // Q0.15
  int reluish_exponent;
};

template <typename T>
void hard_swish_quantized(const HardSwishParams& p, int64_t n, const T* input, T* output) {
  for (int64_t i = 0; i < n; ++i) {
    const int16_t x = static_cast<int16_t>(input[i] - p.input_zero_point);
    const int16_t hires = static_cast<int16_t>(x * (1 << 7));
    const int16_t preshift_out = fixed::saturating_rounding_doubling_high_mul16(hires, p.output_multiplier);
    // The left shift is split: all but one bit before the multiply (that
    // saturation cannot reach the result), the last bit after it, so any
    // saturation that matters happens there.
    int16_t reluish = hires;
    if (p.reluish_exponent > 0) reluish = fixed::saturating_left_shift16(reluish, p.reluish_exponent - 1);
    reluish = fixed::saturating_rounding_doubling_high_mul16(reluish, p.reluish_multiplier);
    if (p.reluish_exponent > 0) reluish = fixed::saturating_left_shift16(reluish, 1);
    if (p.reluish_exponent < 0) reluish = fixed::rounding_divide_by_pot16(reluish, -p.reluish_exponent);
    // [-1, 1] -> [0, 1].
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
    // Truncating here cancels the rounding bias of the multiplies above.
    const int16_t preshift = fixed::saturating_doubling_high_mul16(reluish, preshift_out);
    int16_t out = fixed::rounding_divide_by_pot16(preshift, -p.output_exponent);
    out = static_cast<int16_t>(out + p.output_zero_point);
    out = std::min<int16_t>(out, std::numeric_limits<T>::max());
    out = std::max<int16_t>(out, std::numeric_limits<T>::min());
    output[i] = static_cast<T>(out);
  }
}

}  // namespace xlite::ref
