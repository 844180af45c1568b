// SPDX-License-Identifier: Apache-2.0
// gemmlowp's scalar fixed-point arithmetic, bit for bit, for the integer
// paths of TFLite's reference kernels (quantized SOFTMAX, RSQRT, ...).
//
// A gemmlowp FixedPoint<int32, IntBits> is just its raw int32 here (Q
// IntBits.(31-IntBits)); the integer-bit count is a template argument of the
// functions that need it. Constants are gemmlowp's raw values.
// Sources: gemmlowp fixedpoint/fixedpoint.h (exp_on_negative_values,
// exp_on_interval_between_negative_one_quarter_and_0_excl,
// one_over_one_plus_x_for_x_in_0_1, SaturatingRoundingMultiplyByPOT, Rescale,
// RoundingHalfSum); TFLite kernels/internal/common.h (GetReciprocal,
// GetInvSqrtQuantizedMultiplierExp, CountLeadingZeros) and
// quantization_util.cc (PreprocessSoftmaxScaling, CalculateInputRadius).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ops/common/quant.h"

namespace xlite::fixed {

constexpr int32_t kRawMax = std::numeric_limits<int32_t>::max();
constexpr int32_t kRawMin = std::numeric_limits<int32_t>::min();

// gemmlowp's Add/Sub are plain int32 ops (overflow is UB there); wrapping
// keeps the same bits without the UB.
inline int32_t add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

// FixedPoint<a> * FixedPoint<b> = FixedPoint<a+b>: the raw product is VQRDMULH.
inline int32_t mul(int32_t a, int32_t b) { return quant::saturating_rounding_doubling_high_mul(a, b); }

// (a + b) / 2 rounded half away from zero (VRHADD).
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

inline int count_leading_zeros(uint32_t x) {
  int n = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && !(x & bit); bit >>= 1) ++n;
  return n;
}

// x * 2^exponent: a saturating left shift or a rounding right shift.
inline int32_t saturating_rounding_multiply_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return quant::rounding_divide_by_pot(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return kRawMax;
  if (x < -threshold) return kRawMin;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// Changes a raw value from Q(src) to Q(dst) integer bits.
template <int kDstIntegerBits, int kSrcIntegerBits>
int32_t rescale(int32_t x) {
  return saturating_rounding_multiply_by_pot(x, kSrcIntegerBits - kDstIntegerBits);
}

// 1.0 in Q(IntBits); Q0 cannot hold 1 and saturates to the largest value.
template <int kIntegerBits>
constexpr int32_t one() {
  return kIntegerBits == 0 ? kRawMax : (int32_t{1} << (31 - kIntegerBits));
}

// exp(a) for a in [-1/4, 0), Q0 in and out: a Taylor expansion around -1/8.
inline int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0.31
  constexpr int32_t kOneThird = 715827883;            // 1/3 in Q0.31
  const int32_t x = add(a, int32_t{1} << 28);         // a + 1/8
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4_over_4 = saturating_rounding_multiply_by_pot(x4, -2);
  const int32_t poly = saturating_rounding_multiply_by_pot(add(mul(add(x4_over_4, x3), kOneThird), x2), -1);
  return add(kExpMinusOneEighth, mul(kExpMinusOneEighth, add(x, poly)));
}

// exp(a) for a <= 0, a in Q(IntBits), result in Q0: the fractional quarter
// goes through the polynomial, each higher bit multiplies by exp(-2^k).
template <int kIntegerBits>
int32_t exp_on_negative_values(int32_t a) {
  constexpr int kFractionalBits = 31 - kIntegerBits;
  constexpr int32_t kOneQuarter = int32_t{1} << (kFractionalBits - 2);
  const int32_t a_mod_quarter_minus_quarter = sub(a & (kOneQuarter - 1), kOneQuarter);
  int32_t result =
      exp_on_interval_between_negative_one_quarter_and_0_excl(rescale<0, kIntegerBits>(a_mod_quarter_minus_quarter));
  const int32_t remainder = sub(a_mod_quarter_minus_quarter, a);
  // exp(-2^k) in Q0.31 for k = -2 .. 4 (gemmlowp's barrel-shifter constants).
  constexpr int32_t kMultipliers[] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int k = -2; k <= 4; ++k) {
    if (kIntegerBits > k && (remainder & (int32_t{1} << (kFractionalBits + k))))
      result = mul(result, kMultipliers[k + 2]);
  }
  if constexpr (kIntegerBits > 5) {
    // Below -32 the result is flushed to zero.
    if (a < -(int32_t{1} << (36 - kIntegerBits))) result = 0;
  }
  if (a == 0) result = one<0>();
  return result;
}

// 1 / (1 + a) for a in [0, 1), Q0 in and out: Newton-Raphson division with
// the 48/17 - 32/17 * d starting guess, three iterations, in Q2.
inline int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  constexpr int32_t k48Over17 = 1515870810;      // Q2.29
  constexpr int32_t kNeg32Over17 = -1010580540;  // Q2.29
  const int32_t half_denominator = rounding_half_sum(a, one<0>());
  int32_t x = add(k48Over17, mul(half_denominator, kNeg32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = mul(half_denominator, x);
    const int32_t one_minus = sub(one<2>(), half_denominator_times_x);
    x = add(x, rescale<2, 4>(mul(x, one_minus)));
  }
  // x / 2 as Q1 (exact), then Q1 -> Q0.
  return rescale<0, 1>(x);
}

// 1 / x for x in Q(x_integer_digits), returned in Q0 with the result scaled
// by 2^-num_bits_over_unit (TFLite GetReciprocal). x must be > 0.
inline int32_t get_reciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const int32_t shifted_sum_minus_one =
      static_cast<int32_t>((static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
}

// TFLite MultiplyByQuantizedMultiplierGreaterThanOne (double rounding): the
// left shift first (wrapping like int32 hardware), then VQRDMULH.
inline int32_t multiply_by_quantized_multiplier_greater_than_one(int32_t x, int32_t multiplier, int left_shift) {
  return mul(static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift), multiplier);
}

// PreprocessSoftmaxScaling: beta * input_scale as a Q(input_integer_bits)
// multiplier, capped at 2^31 - 1 (double rounding build). False when the
// multiplier is <= 1, which QuantizeMultiplierGreaterThanOne rejects.
inline bool preprocess_softmax_scaling(double beta, double input_scale, int input_integer_bits, int32_t* multiplier,
                                       int* left_shift) {
  const double max_real_multiplier = static_cast<double>((int64_t{1} << 31) - 1);
  const double real =
      std::min(beta * input_scale * static_cast<double>(int64_t{1} << (31 - input_integer_bits)), max_real_multiplier);
  if (!(real > 1.0)) return false;
  quant::quantize_multiplier(real, multiplier, left_shift);
  return *left_shift >= 0;
}

// CalculateInputRadius: the largest input difference whose rescaled value
// still fits in Q(input_integer_bits), floored.
inline int calculate_input_radius(int input_integer_bits, int input_left_shift, int total_signed_bits = 31) {
  const double max_input_rescaled = 1.0 * ((1 << input_integer_bits) - 1) *
                                    static_cast<double>(int64_t{1} << (total_signed_bits - input_integer_bits)) /
                                    static_cast<double>(int64_t{1} << input_left_shift);
  return static_cast<int>(std::floor(max_input_rescaled));
}

// GetInvSqrtQuantizedMultiplierExp: 1/sqrt(input) as (multiplier, shift) by
// five Newton-Raphson steps in Q3; reverse_shift = -1 turns the right shift
// into TFLite's left-shift convention.
inline void get_inv_sqrt_quantized_multiplier_exp(int32_t input, int reverse_shift, int32_t* output_inv_sqrt,
                                                  int* output_shift) {
  if (input <= 1) {
    // 0 and 1 both map to the largest multiplier, as in TFLite (b/143972021).
    *output_inv_sqrt = kRawMax;
    *output_shift = 0;
    return;
  }
  *output_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++*output_shift;
  }
  const int max_left_shift_bits = count_leading_zeros(static_cast<uint32_t>(input)) - 1;
  const int left_shift_bit_pairs = max_left_shift_bits / 2 - 1;
  *output_shift -= left_shift_bit_pairs;
  input <<= 2 * left_shift_bit_pairs;
  const int32_t fixedpoint_input = input >> 1;  // Q3
  const int32_t half_input = saturating_rounding_multiply_by_pot(fixedpoint_input, -1);
  const int32_t half_three = (1 << 28) + (1 << 27);  // 1.5 in Q3
  int32_t x = one<3>();
  for (int i = 0; i < 5; ++i) {
    const int32_t x3 = rescale<3, 9>(mul(mul(x, x), x));
    x = rescale<3, 6>(sub(mul(half_three, x), mul(half_input, x3)));
  }
  constexpr int32_t kHalfSqrt2 = 1518500250;  // sqrt(2)/2 in Q0.31
  x = mul(x, kHalfSqrt2);
  *output_inv_sqrt = x;
  if (*output_shift < 0) {
    *output_inv_sqrt = static_cast<int32_t>(static_cast<uint32_t>(*output_inv_sqrt) << -*output_shift);
    *output_shift = 0;
  }
  *output_shift *= reverse_shift;
}

// ---- int16 variants (the HARD_SWISH pipeline) ----

inline int16_t saturating_rounding_doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// Like the above but truncating toward zero (ARM SQDMULH).
inline int16_t saturating_doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((static_cast<int32_t>(a) * b) / (1 << 15));
}

// gemmlowp RoundingDivideByPOT<int16_t>: the mask is built as an int16, so
// exponents of 16 and more behave as that truncation makes them.
inline int16_t rounding_divide_by_pot16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

inline int16_t saturating_left_shift16(int16_t value, int amount) {
  const int64_t r = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(std::min<int64_t>(std::max<int64_t>(r, -32768), 32767));
}

}  // namespace xlite::fixed
