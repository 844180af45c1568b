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

// gemmlowp/TFLite fixed-point primitives on int32 tensors that all have one
// shape (per-element operands, e.g. a per-row multiplier broadcast), for
// lowerings whose parameters depend on the data (SOFTMAX's row sum,
// L2_NORMALIZATION's inverse square root). Each mirrors the scalar
// function in src/ops/common/fixed_point.h / quant.h of the same name.
struct FixedEmit {
  shlo::Builder& b;
  std::vector<int64_t> shape;

  shlo::Value c(double v) { return b.splat(DType::kInt32, shape, v); }
  shlo::Value c64(double v) { return b.splat(DType::kInt64, shape, v); }
  // SaturatingRoundingDoublingHighMul.
  shlo::Value srdhm(const shlo::Value& x, const shlo::Value& y);
  // RoundingDivideByPOT with an exponent tensor in [0, 31].
  shlo::Value rdbp(const shlo::Value& x, const shlo::Value& e);
  // SaturatingRoundingMultiplyByPOT with a constant exponent > 0.
  shlo::Value srmbp_left(const shlo::Value& x, int exponent);
  // one_over_one_plus_x_for_x_in_0_1 (Q0 in and out).
  shlo::Value one_over_one_plus_x(const shlo::Value& a);
  // MultiplyByQuantizedMultiplier with per-element multiplier and shift.
  shlo::Value mbqm(const shlo::Value& x, const shlo::Value& multiplier, const shlo::Value& shift);
};

}  // namespace xlite::ops
