// SPDX-License-Identifier: Apache-2.0
// Pieces of TFLite's integer requantization shared by --quant=integer
// lowerings (the int32 MultiplyByQuantizedMultiplier is
// shlo::multiply_by_quantized_multiplier in src/emit/stablehlo/lower.h).
#pragma once

#include <vector>

#include "emit/stablehlo/lower.h"

namespace xlite::ops {

// The int64-accumulator MultiplyByQuantizedMultiplier of the 16x8 kernels
// (quant::multiply_by_quantized_multiplier(int64_t, ...)): the multiplier
// reduced to 16 bits, then one rounding shift by 15 - shift (half up),
// per channel along the last dim (one entry: per tensor). `acc` is int64;
// the result is int32.
shlo::Value multiply_by_quantized_multiplier_i64(shlo::Builder& b, const shlo::Value& acc,
                                                 const std::vector<int32_t>& multiplier, const std::vector<int>& shift);

// RoundingDivideByPOT of an int32 tensor by a constant exponent in [0, 31]
// (half away from zero).
shlo::Value rounding_divide_by_pot(shlo::Builder& b, const shlo::Value& x, int exponent);

}  // namespace xlite::ops
