// SPDX-License-Identifier: Apache-2.0
// TFLite's fixed-point requantization arithmetic, bit for bit: how a real
// multiplier becomes (int32 multiplier, shift), and how an int32 accumulator
// is rescaled with the double-rounding scheme the LiteRT builds use
// (gemmlowp's SaturatingRoundingDoublingHighMul + RoundingDivideByPOT).
// Sources: TFLite quantization_util.cc (QuantizeMultiplier) and
// kernels/internal/common.h (MultiplyByQuantizedMultiplier).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "base/status.h"
#include "runtime/tensor.h"

namespace xlite::quant {

// real = m * 2^(shift - 31), m in [2^30, 2^31) (or 0). Tiny multipliers
// (shift < -31) flush to zero, as TFLite does.
void quantize_multiplier(double real, int32_t* multiplier, int* shift);

inline int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// Rounds half away from zero; 0 <= exponent <= 31.
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  // The left shift wraps like the reference's int32 multiply on real hardware.
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier), right);
}

// The int64-accumulator variant (16x8 kernels): the multiplier reduced to
// 16 bits, one rounding shift. |x| < 2^47, shift in [-31, 7].
inline int32_t multiply_by_quantized_multiplier(int64_t x, int32_t multiplier, int shift) {
  const int64_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t round = int64_t{1} << (total_shift - 1);
  return static_cast<int32_t>((x * reduced + round) >> total_shift);
}

// One rounding instead of two: (x * m + 2^(30 - shift)) >> (31 - shift),
// half toward +infinity. (FULLY_CONNECTED once used it; LiteRT 2.3's
// reference FULLY_CONNECTED in fact rounds in double, see scale_and_round.)
inline int32_t multiply_by_quantized_multiplier_single_round(int64_t x, int32_t multiplier, int shift) {
  const int total_shift = 31 - shift;
  return static_cast<int32_t>((x * multiplier + (int64_t{1} << (total_shift - 1))) >> total_shift);
}

// round(x * scale) in double, ties away from zero, saturated to int32: the
// requantization of LiteRT 2.3's reference FULLY_CONNECTED for int8,
// uint8 and int16 activations (reference_integer_ops::FullyConnected[PerChannel] with the
// tensor scales; scale = input_scale * weight_scale / output_scale, each
// widened to double). Measured on a tie: -1.5 -> -2, where the int64 and
// single-rounding variants above give -1.
inline int32_t scale_and_round(int64_t x, double scale) {
  const double r = std::round(static_cast<double>(x) * scale);
  return static_cast<int32_t>(std::min(std::max(r, -2147483648.0), 2147483647.0));
}

// TFLite's CheckedLog2 (quantization_util.h): log2(x) rounded, and whether
// x is a power of two to within 1e-3 in the exponent, in float as TFLite
// computes it.
inline bool checked_log2(float x, int* log2_result) {
  if (x <= 0.0f) return false;
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(x_log2);
  *log2_result = static_cast<int>(rounded);
  return std::abs(x_log2 - rounded) < 1e-3f;
}

// [min, max] of a quantized output after a fused activation
// (CalculateActivationRangeQuantized): q(f) = zp + round(f / scale) in float.
void activation_range_quantized(int activation, float scale, int32_t zero_point, int32_t qmin, int32_t qmax,
                                int32_t* act_min, int32_t* act_max);
// [min, max] of a float output after a fused activation.
void activation_range_float(int activation, float* act_min, float* act_max);

// Range of an integer dtype: int8 [-128,127], uint8 [0,255], int16 ...
void dtype_range(DType t, int32_t* qmin, int32_t* qmax);

}  // namespace xlite::quant
