// SPDX-License-Identifier: Apache-2.0
// The requantization arithmetic on hand-computed values.
#include <gtest/gtest.h>

#include <limits>

#include "ops/common/quant.h"
#include "ops/common/window.h"

namespace xlite {
namespace {

TEST(Quant, QuantizeMultiplier) {
  int32_t m;
  int s;
  quant::quantize_multiplier(0.5, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 0);
  quant::quantize_multiplier(0.25, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, -1);
  quant::quantize_multiplier(3.0, &m, &s);  // 0.75 * 2^2
  EXPECT_EQ(m, 3 << 29);
  EXPECT_EQ(s, 2);
  quant::quantize_multiplier(0.0, &m, &s);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
  // A significand that rounds up to 2^31 moves into the exponent.
  quant::quantize_multiplier(1.0 - 1e-12, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 1);
  quant::quantize_multiplier(1e-12, &m, &s);  // below 2^-31: flushed to zero
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
}

TEST(Quant, RoundingDivideByPotRoundsHalfAwayFromZero) {
  EXPECT_EQ(quant::rounding_divide_by_pot(5, 1), 3);
  EXPECT_EQ(quant::rounding_divide_by_pot(-5, 1), -3);
  EXPECT_EQ(quant::rounding_divide_by_pot(-4, 1), -2);
  EXPECT_EQ(quant::rounding_divide_by_pot(7, 2), 2);   // 1.75
  EXPECT_EQ(quant::rounding_divide_by_pot(-6, 2), -2);  // -1.5
  EXPECT_EQ(quant::rounding_divide_by_pot(123, 0), 123);
}

TEST(Quant, SaturatingRoundingDoublingHighMul) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(quant::saturating_rounding_doubling_high_mul(kMin, kMin), std::numeric_limits<int32_t>::max());
  EXPECT_EQ(quant::saturating_rounding_doubling_high_mul(1 << 30, 1 << 30), 1 << 29);
  // (3 * 2^30) * 2 / 2^31 = 3 exactly; nudges only matter for remainders.
  // The nudge (2^30, or 1 - 2^30 below zero) with truncating division rounds
  // ties toward +infinity: 1.5 -> 2, -1.5 -> -1; other values to nearest.
  EXPECT_EQ(quant::saturating_rounding_doubling_high_mul(3, 1 << 30), 2);
  EXPECT_EQ(quant::saturating_rounding_doubling_high_mul(-3, 1 << 30), -1);
  EXPECT_EQ(quant::saturating_rounding_doubling_high_mul(-5, 3 << 28), -2);  // -1.875
}

TEST(Quant, MultiplyByQuantizedMultiplier) {
  // x * 0.5: multiplier 2^30 with shift 0.
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(100, 1 << 30, 0), 50);
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(101, 1 << 30, 0), 51);   // 50.5 -> 51
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(-101, 1 << 30, 0), -50);  // tie toward +inf
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(-1000, 1 << 30, -2), -125);
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(-1004, 1 << 30, -3), -63);  // -62.75
  // x * 0.125 = x * 0.5 * 2^-2
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(1000, 1 << 30, -2), 125);
  // x * 3 = x * 0.75 * 2^2
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(7, 3 << 29, 2), 21);
}

// The two roundings part on ties after the first step: -145680 * 0.2299...e-3
// is -33.4999, whose high product rounds to -137216 = -33.5 * 4096 before
// the shift; double rounding then gives -34, a single rounding -33.
TEST(Quant, SingleAndDoubleRoundingDisagreeOnNearTies) {
  EXPECT_EQ(quant::multiply_by_quantized_multiplier(-145680, 2022708687, -12), -34);
  EXPECT_EQ(quant::multiply_by_quantized_multiplier_single_round(-145680, 2022708687, -12), -33);
  EXPECT_EQ(quant::multiply_by_quantized_multiplier_single_round(101, 1 << 30, 0), 51);   // 50.5 up
  EXPECT_EQ(quant::multiply_by_quantized_multiplier_single_round(-101, 1 << 30, 0), -50);  // -50.5 up
}

TEST(Quant, ActivationRanges) {
  int32_t lo, hi;
  // scale 0.1, zero point -10: q(0) = -10, q(6) = 50, q(-1) = -20, q(1) = 0
  quant::activation_range_quantized(1, 0.1f, -10, -128, 127, &lo, &hi);
  EXPECT_EQ(lo, -10);
  EXPECT_EQ(hi, 127);
  quant::activation_range_quantized(3, 0.1f, -10, -128, 127, &lo, &hi);
  EXPECT_EQ(lo, -10);
  EXPECT_EQ(hi, 50);
  quant::activation_range_quantized(2, 0.1f, -10, -128, 127, &lo, &hi);
  EXPECT_EQ(lo, -20);
  EXPECT_EQ(hi, 0);
  quant::activation_range_quantized(3, 0.01f, 0, -128, 127, &lo, &hi);  // q(6) = 600 saturates
  EXPECT_EQ(hi, 127);
  quant::activation_range_quantized(0, 0.01f, 0, -128, 127, &lo, &hi);
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, 127);
}

TEST(Window, SameAndValidPadding) {
  using namespace window;
  EXPECT_EQ(out_size(kSame, 7, 3, 2, 1), 4);
  EXPECT_EQ(out_size(kValid, 7, 3, 2, 1), 3);
  EXPECT_EQ(out_size(kValid, 7, 3, 1, 2), 3);  // effective filter 5
  EXPECT_EQ(out_size(kValid, 2, 3, 1, 1), 0);
  // SAME 224 -> 112 with a 3x3 stride-2 filter: total padding 1, before 0
  EXPECT_EQ(pad_before(224, 3, 2, 1, out_size(kSame, 224, 3, 2, 1)), 0);
  EXPECT_EQ(pad_before(7, 3, 1, 1, 7), 1);
  EXPECT_EQ(pad_before(8, 5, 1, 1, 8), 2);
}

}  // namespace
}  // namespace xlite
