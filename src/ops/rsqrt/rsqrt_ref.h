// SPDX-License-Identifier: Apache-2.0
// Reference RSQRT for int8 as TFLite's elementwise.cc RsqrtEvalQuantizedInt8
// computes it: 1/sqrt(q - zp) in fixed point (Newton-Raphson, see
// ops/common/fixed_point.h), lifted by 2^20 so it stays an integer, then
// rescaled by 1 / (sqrt(input_scale) * output_scale). A zero input gives
// the largest output. Inputs below the zero point are the caller's error.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/common/fixed_point.h"
#include "ops/common/quant.h"

namespace xlite::ref {

inline int8_t rsqrt_int8(int8_t q, int32_t input_zero_point, int32_t output_zero_point, int32_t multiplier,
                         int shift) {
  constexpr int kShift = 20;
  const int32_t value = q - input_zero_point;
  if (value == 0) return 127;
  int32_t inv_sqrt_multiplier = 0;
  int inv_sqrt_shift = 0;
  fixed::get_inv_sqrt_quantized_multiplier_exp(value, /*reverse_shift=*/-1, &inv_sqrt_multiplier, &inv_sqrt_shift);
  const int32_t data = quant::multiply_by_quantized_multiplier(1, inv_sqrt_multiplier, inv_sqrt_shift + kShift);
  const int32_t out =
      quant::multiply_by_quantized_multiplier(data, multiplier, shift - kShift) + output_zero_point;
  return static_cast<int8_t>(std::clamp(out, -128, 127));
}

}  // namespace xlite::ref
