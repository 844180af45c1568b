// SPDX-License-Identifier: Apache-2.0
#include "ops/softmax/softmax_ref.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ops/common/fixed_point.h"

namespace xlite::ref {
namespace {

struct Scaling {
  int32_t multiplier;
  int left_shift;
  int32_t diff_min;
};

Scaling scaling(double beta, double input_scale) {
  Scaling s{};
  EXPECT_TRUE(fixed::preprocess_softmax_scaling(beta, input_scale, 5, &s.multiplier, &s.left_shift));
  s.diff_min = -fixed::calculate_input_radius(5, s.left_shift);
  return s;
}

TEST(Softmax, FloatRowsSumToOne) {
  const float in[6] = {1, 2, 3, -1, -1, -1};
  float out[6];
  softmax_float(2, 3, 1.0f, in, out);
  const double e = std::exp(1.0), e2 = std::exp(2.0);
  EXPECT_NEAR(out[0], 1 / (1 + e + e2), 1e-6);
  EXPECT_NEAR(out[2], e2 / (1 + e + e2), 1e-6);
  EXPECT_NEAR(out[3], 1.0 / 3, 1e-6);
}

TEST(Softmax, Int8EqualInputsAreHalf) {
  const Scaling s = scaling(1.0, 1.0 / 16);
  const int8_t in[2] = {5, 5};
  int8_t out[2];
  softmax_quantized(1, 2, s.multiplier, s.left_shift, s.diff_min, in, out);
  // 0.5 on scale 1/256 with zero point -128.
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 0);
}

TEST(Softmax, SingleElementSaturatesAtOne) {
  const Scaling s = scaling(1.0, 0.1);
  const int8_t in[1] = {-100};
  int8_t out[1];
  softmax_quantized(1, 1, s.multiplier, s.left_shift, s.diff_min, in, out);
  EXPECT_EQ(out[0], 127);  // 1.0 would be 128 on scale 1/256
}

TEST(Softmax, FarBelowMaxOutputsMinimum) {
  // Input scale 1: radius 31 * 2^26 / 2^27 = 15, so a gap of 100 is skipped.
  const Scaling s = scaling(1.0, 1.0);
  EXPECT_EQ(s.diff_min, -15);
  const int8_t in[3] = {100, 0, 99};
  int8_t out[3];
  softmax_quantized(1, 3, s.multiplier, s.left_shift, s.diff_min, in, out);
  EXPECT_EQ(out[1], -128);
  // The other two: 1/(1+e^-1) = 0.7311 -> 187, e^-1/(1+e^-1) = 0.2689 -> 69.
  EXPECT_EQ(out[0], 187 - 128);
  EXPECT_EQ(out[2], 69 - 128);
}

TEST(Softmax, Uint8QuartersAndRows) {
  const Scaling s = scaling(2.0, 0.05);
  const uint8_t in[8] = {0, 0, 0, 0, 255, 255, 255, 255};
  uint8_t out[8];
  softmax_quantized(2, 4, s.multiplier, s.left_shift, s.diff_min, in, out);
  for (uint8_t v : out) EXPECT_EQ(v, 64);  // 0.25 on scale 1/256, zero point 0
}

TEST(Softmax, Int16Output) {
  const Scaling s = scaling(1.0, 1.0 / 16);
  const int8_t in[4] = {-3, -3, -3, -3};
  int16_t out[4];
  softmax_quantized(1, 4, s.multiplier, s.left_shift, s.diff_min, in, out);
  // 0.25 on scale 1/65536 with zero point -32768.
  for (int16_t v : out) EXPECT_EQ(v, 16384 - 32768);
}

TEST(Softmax, ZeroRowsDoNothing) {
  const Scaling s = scaling(1.0, 0.1);
  softmax_quantized<int8_t, int8_t>(0, 4, s.multiplier, s.left_shift, s.diff_min, nullptr, nullptr);
}

}  // namespace
}  // namespace xlite::ref
