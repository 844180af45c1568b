// SPDX-License-Identifier: Apache-2.0
// Reference DIV over a broadcast map.
// float32: a / b clamped to the activation range (a zero divisor gives
// +-inf, which the clamp turns into +-FLT_MAX, as in TFLite).
// int32: truncating a / b clamped; prepare() rejects zero divisors.
// int8 / uint8: TFLite reference_ops::DivElementwise (div.h). The divisor
// (made positive by flipping both signs) becomes a fixed-point reciprocal
// (GetReciprocal, common.h, with gemmlowp's Newton-Raphson
// one_over_one_plus_x_for_x_in_0_1), the dividend is normalised by its
// leading sign bits, and one multiplier s1 / (s2 * so) rescales the quotient.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "ops/common/broadcast.h"
#include "ops/common/quant.h"

namespace xlite::ref {

namespace fixed {

// gemmlowp RoundingHalfSum for int32: (a + b) / 2 rounded half away from 0.
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = int64_t{a} + int64_t{b};
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

// gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent.
inline int32_t saturating_shift_left(int32_t x, int exponent) {
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// 1 / (1 + x) for x in [0, 1), both Q0.31; three Newton-Raphson steps in Q2.29
// starting from 48/17 - 32/17 * d with d = (1 + x) / 2.
inline int32_t one_over_one_plus_x(int32_t x) {
  using quant::saturating_rounding_doubling_high_mul;
  const int32_t half_denominator = rounding_half_sum(x, std::numeric_limits<int32_t>::max());
  const int32_t k48_over_17 = 1515870810;       // 48/17 in Q2.29
  const int32_t kneg32_over_17 = -1010580540;   // -32/17 in Q2.29
  const int32_t kOneQ2 = int32_t{1} << 29;
  int32_t r = k48_over_17 + saturating_rounding_doubling_high_mul(half_denominator, kneg32_over_17);
  for (int i = 0; i < 3; ++i) {
    const int32_t d_times_r = saturating_rounding_doubling_high_mul(half_denominator, r);
    const int32_t one_minus = kOneQ2 - d_times_r;
    // Q2 * Q2 is Q4; back to Q2 is a saturating shift left by 2.
    r = r + saturating_shift_left(saturating_rounding_doubling_high_mul(r, one_minus), 2);
  }
  // Halving (relabelled Q1.30), then Q1 -> Q0: a saturating shift left by 1.
  return saturating_shift_left(r, 1);
}

// TFLite GetReciprocal: x > 0 with x_integer_digits integer bits. Returns the
// Q0.31 reciprocal of x normalised into [1, 2), and how many bits that
// normalisation moved.
inline int32_t reciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = std::countl_zero(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const int32_t shifted_minus_one =
      static_cast<int32_t>((static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return one_over_one_plus_x(shifted_minus_one);
}

// Redundant leading sign bits (GCC's __builtin_clrsb; 31 for 0 and -1).
inline int count_leading_sign_bits(int32_t x) {
  const uint32_t u = static_cast<uint32_t>(x < 0 ? ~x : x);
  return std::countl_zero(u) - 1;
}

}  // namespace fixed

template <typename T>
void div(const bcast::Map& m, const T* a, const T* b, T lo, T hi, T* out) {
  bcast::apply(m, a, b, out, [=](T x, T y) {
    T q;
    if constexpr (std::is_integral_v<T>) {
      // INT_MIN / -1 overflows; wrap as two's complement does.
      q = (y == -1) ? static_cast<T>(0 - static_cast<std::make_unsigned_t<T>>(x)) : static_cast<T>(x / y);
    } else {
      q = x / y;
    }
    return std::min(std::max(q, lo), hi);
  });
}

struct DivParams {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t act_min = 0, act_max = 0;
};

// One quantized quotient; (y + in2_offset) must not be 0.
inline int32_t div_quantized_raw(int32_t x, int32_t y, const DivParams& p) {
  int32_t num = x + p.in1_offset;
  int32_t den = y + p.in2_offset;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int recip_shift;
  const int32_t den_inv = fixed::reciprocal(den, 31, &recip_shift);
  const int headroom = fixed::count_leading_sign_bits(num);
  // MultiplyByQuantizedMultiplierGreaterThanOne: shift left, then SRDHM.
  const int32_t unscaled = quant::saturating_rounding_doubling_high_mul(
      static_cast<int32_t>(static_cast<uint32_t>(num) << headroom), den_inv);
  const int total_shift = p.shift - recip_shift - headroom;
  int32_t scaled;
  if (total_shift > 0) {
    scaled = quant::multiply_by_quantized_multiplier(unscaled, p.multiplier, total_shift);
  } else {
    const int32_t h = quant::saturating_rounding_doubling_high_mul(unscaled, p.multiplier);
    // Past 31 the quotient of any int32 by 2^exponent rounds to 0.
    scaled = -total_shift > 31 ? 0 : quant::rounding_divide_by_pot(h, -total_shift);
  }
  return std::min(p.act_max, std::max(p.act_min, scaled + p.out_offset));
}

template <typename T>
void div_quantized(const bcast::Map& m, const T* a, const T* b, const DivParams& p, T* out) {
  bcast::apply(m, a, b, out, [&p](T x, T y) { return static_cast<T>(div_quantized_raw(x, y, p)); });
}

}  // namespace xlite::ref
