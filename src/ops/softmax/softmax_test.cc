// SPDX-License-Identifier: Apache-2.0
#include "ops/softmax/softmax_ref.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ops/common/fixed_point.h"
#include "ops/common/quant.h"

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

// ---- int16: exp and 1/(1+x) tables (values also measured from LiteRT
// 2.3.0's reference SOFTMAX on the same inputs) ----

struct Int16Softmax {
  SoftmaxInt16Tables tables;
  int32_t multiplier = 0;
  int shift = 0;
  Int16Softmax(float input_scale, float beta) {
    softmax_int16_tables(&tables);
    quant::quantize_multiplier(static_cast<double>(input_scale * beta) / (10.0 / 65535.0), &multiplier, &shift);
  }
  std::vector<int16_t> run(int64_t rows, int32_t depth, const std::vector<int16_t>& in) const {
    std::vector<int16_t> out(in.size());
    softmax_int16(rows, depth, multiplier, shift, tables, in.data(), out.data());
    return out;
  }
};

TEST(Softmax, Int16Tables) {
  SoftmaxInt16Tables t;
  softmax_int16_tables(&t);
  // exp on [-10, 0] onto 32768 per unit: e^-10 * 32768 = 1.49 -> 1, moved
  // to 2 because interpolating to the segment's midpoint (1.26 -> 1) falls
  // short of e^-9.99 * 32768 = 1.50 -> 2; e^0 = 32768 saturates.
  EXPECT_EQ(t.exp[0], 2);
  EXPECT_EQ(t.exp[511], 32133);  // e^(-10/512) * 32768 = 32133.4
  EXPECT_EQ(t.exp[512], 32767);
  // 1/(1+x) on [0, 1]: 1 saturates, 1/1.998 * 32768 = 16400.0, 1/2 = 16384.
  EXPECT_EQ(t.one_over_one_plus_x[0], 32767);
  EXPECT_EQ(t.one_over_one_plus_x[511], 16400);
  EXPECT_EQ(t.one_over_one_plus_x[512], 16384);
}

// Four equal inputs: each exp is the table's value at 0, 32132 + (635 * 127
// + 64) >> 7 = 32762; the sum 131048 has 15 leading zeros, so x = sum - 1 is
// 32744 after recentring, 1/(1+x) interpolates to 16400 + (-16 * 104 + 64)
// >> 7 = 16387, and (32762 * 16387 + 2^15) >> 16 = 8192, a quarter.
TEST(Softmax, Int16EqualInputsAreQuarters) {
  const Int16Softmax sm(1.0f / 4096, 1.0f);
  EXPECT_EQ(sm.run(2, 4, {5, 5, 5, 5, -32768, -32768, -32768, -32768}), std::vector<int16_t>(8, 8192));
}

TEST(Softmax, Int16SingleElementSaturatesAtOne) {
  const Int16Softmax sm(1.0f / 4096, 1.0f);
  EXPECT_EQ(sm.run(1, 1, {1234}), (std::vector<int16_t>{32767}));
}

// Input scale 10/65535 makes the rescale exactly 1: a difference of -65535
// lands on exp's table start (e^-10), 0 - 32767 = -32767 on e^-5.
TEST(Softmax, Int16FullRangeDifferences) {
  const Int16Softmax sm(10.0f / 65535, 1.0f);
  EXPECT_EQ(sm.multiplier, 1 << 30);
  EXPECT_EQ(sm.shift, 1);
  EXPECT_EQ(sm.run(1, 4, {32767, -32768, 0, 0}), (std::vector<int16_t>{32330, 2, 218, 218}));
}

TEST(Softmax, Int16Beta) {
  // Differences of 0, -1, -2 and +0.024 (scale 1/4096): e^-1 / (1 + e^-1 +
  // e^-2 + e^0.024) = 0.1455 -> 4769 with beta 1; beta 2 sharpens.
  const std::vector<int16_t> in = {0, -4096, -8192, 100};
  EXPECT_EQ(Int16Softmax(1.0f / 4096, 1.0f).run(1, 4, in), (std::vector<int16_t>{12962, 4769, 1754, 13282}));
  EXPECT_EQ(Int16Softmax(1.0f / 4096, 2.0f).run(1, 4, in), (std::vector<int16_t>{14870, 2012, 273, 15613}));
}

}  // namespace
}  // namespace xlite::ref
