// SPDX-License-Identifier: Apache-2.0
#include "ops/common/fixed_point.h"

#include <gtest/gtest.h>

#include <cmath>

namespace xlite::fixed {
namespace {

double q(int32_t raw, int integer_bits) { return raw / static_cast<double>(int64_t{1} << (31 - integer_bits)); }

TEST(FixedPoint, RoundingHalfSumRoundsAwayFromZero) {
  EXPECT_EQ(rounding_half_sum(1, 2), 2);    // 1.5
  EXPECT_EQ(rounding_half_sum(-1, -2), -2);  // -1.5
  EXPECT_EQ(rounding_half_sum(kRawMax, kRawMax), kRawMax);
  EXPECT_EQ(rounding_half_sum(0, kRawMax), 1 << 30);
}

TEST(FixedPoint, MultiplyByPotSaturatesLeftAndRoundsRight) {
  EXPECT_EQ(saturating_rounding_multiply_by_pot(3, 2), 12);
  EXPECT_EQ(saturating_rounding_multiply_by_pot(1 << 29, 2), kRawMax);
  EXPECT_EQ(saturating_rounding_multiply_by_pot(-(1 << 29), 2), kRawMin);
  EXPECT_EQ(saturating_rounding_multiply_by_pot(-(1 << 29) + 1, 2), kRawMin + 4);
  EXPECT_EQ(saturating_rounding_multiply_by_pot(6, -2), 2);    // 1.5 -> 2
  EXPECT_EQ(saturating_rounding_multiply_by_pot(-6, -2), -2);  // -1.5 -> -2
  EXPECT_EQ(saturating_rounding_multiply_by_pot(5, -2), 1);    // 1.25 -> 1
}

TEST(FixedPoint, CountLeadingZeros) {
  EXPECT_EQ(count_leading_zeros(0), 32);
  EXPECT_EQ(count_leading_zeros(1), 31);
  EXPECT_EQ(count_leading_zeros(0x80000000u), 0);
  EXPECT_EQ(count_leading_zeros(1u << 20), 11);
}

TEST(FixedPoint, ExpOnNegativeValues) {
  // exp(0) is the largest Q0 value, by definition rather than by the series.
  EXPECT_EQ(exp_on_negative_values<5>(0), kRawMax);
  for (double x : {-0.001, -0.25, -0.3, -1.0, -2.5, -7.75, -15.0, -31.9}) {
    const int32_t raw = static_cast<int32_t>(std::lround(x * (1 << 26)));  // Q5.26
    // gemmlowp's fourth-order polynomial is good to a few 1e-7.
    EXPECT_NEAR(q(exp_on_negative_values<5>(raw), 0), std::exp(x), 3e-7) << x;
  }
}

TEST(FixedPoint, ExpFlushesBelowMinus32WithMoreIntegerBits) {
  const int32_t minus_40 = -40 * (1 << 24);  // Q7.24
  EXPECT_EQ(exp_on_negative_values<7>(minus_40), 0);
  EXPECT_NEAR(q(exp_on_negative_values<7>(-3 * (1 << 24)), 0), std::exp(-3.0), 3e-7);
}

TEST(FixedPoint, OneOverOnePlusX) {
  for (double x : {0.0, 0.1, 0.5, 0.75, 0.999}) {
    const int32_t raw = static_cast<int32_t>(std::min(std::lround(x * 2147483648.0), long{kRawMax}));
    EXPECT_NEAR(q(one_over_one_plus_x_for_x_in_0_1(raw), 0), 1.0 / (1.0 + x), 3e-9) << x;
  }
}

TEST(FixedPoint, GetReciprocal) {
  // 2.0 in Q12.19: 1/2 = 1/(1 + 0) scaled by 2^-1.
  int bits = -1;
  const int32_t r = get_reciprocal(1 << 20, 12, &bits);
  EXPECT_EQ(bits, 1);
  EXPECT_NEAR(q(r, 0), 1.0, 1e-9);
  // 3.0: 1/3 = (1 / 1.5) * 2^-1.
  const int32_t r3 = get_reciprocal(3 << 19, 12, &bits);
  EXPECT_EQ(bits, 1);
  EXPECT_NEAR(q(r3, 0), 1.0 / 1.5, 3e-9);
}

TEST(FixedPoint, SoftmaxScaling) {
  int32_t m = 0;
  int shift = 0;
  // beta * scale = 1/16: 2^-4 * 2^26 = 2^22 = 0.5 * 2^23.
  ASSERT_TRUE(preprocess_softmax_scaling(1.0, 1.0 / 16, 5, &m, &shift));
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(shift, 23);
  // Radius: 31 * 2^26 / 2^23 = 248.
  EXPECT_EQ(calculate_input_radius(5, 23), 248);
  EXPECT_EQ(calculate_input_radius(5, 24), 124);
  EXPECT_EQ(calculate_input_radius(5, 25), 62);
  // Too small a multiplier (<= 1) is rejected rather than asserted.
  EXPECT_FALSE(preprocess_softmax_scaling(1.0, 1e-9, 5, &m, &shift));
  // Huge ones are capped at 2^31 - 1.
  ASSERT_TRUE(preprocess_softmax_scaling(1.0, 1e6, 5, &m, &shift));
  EXPECT_EQ(shift, 31);
}

TEST(FixedPoint, InvSqrt) {
  int32_t m = 0;
  int shift = 0;
  get_inv_sqrt_quantized_multiplier_exp(1, -1, &m, &shift);
  EXPECT_EQ(m, kRawMax);
  EXPECT_EQ(shift, 0);
  for (int32_t v : {2, 4, 9, 100, 12345, 1 << 29, kRawMax}) {
    get_inv_sqrt_quantized_multiplier_exp(v, -1, &m, &shift);
    const double got = q(m, 0) * std::ldexp(1.0, shift);
    EXPECT_NEAR(got * std::sqrt(static_cast<double>(v)), 1.0, 3e-6) << v;
  }
}

TEST(FixedPoint, Int16Helpers) {
  EXPECT_EQ(saturating_rounding_doubling_high_mul16(-32768, -32768), 32767);
  EXPECT_EQ(saturating_rounding_doubling_high_mul16(16384, 16384), 8192);
  EXPECT_EQ(saturating_rounding_doubling_high_mul16(3, 16384), 2);       // 1.5 -> 2
  EXPECT_EQ(saturating_rounding_doubling_high_mul16(-3, 16384), -1);     // VQRDMULH: -1.5 -> -1
  EXPECT_EQ(saturating_doubling_high_mul16(3, 16384), 1);                // truncates
  EXPECT_EQ(saturating_doubling_high_mul16(-3, 16384), -1);
  EXPECT_EQ(rounding_divide_by_pot16(48, 5), 2);    // 1.5
  EXPECT_EQ(rounding_divide_by_pot16(-48, 5), -2);  // -1.5
  EXPECT_EQ(rounding_divide_by_pot16(47, 5), 1);
  EXPECT_EQ(saturating_left_shift16(20000, 1), 32767);
  EXPECT_EQ(saturating_left_shift16(-20000, 1), -32768);
  EXPECT_EQ(saturating_left_shift16(-100, 3), -800);
}

}  // namespace
}  // namespace xlite::fixed
