// SPDX-License-Identifier: Apache-2.0
#include "ops/quantize/quantize_ref.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "op_harness.h"
#include "ops/common/quant.h"

namespace xlite::ref {
namespace {

using testing::OpHarness;

TEST(Quantize, FloatToInt8RoundsTiesAwayFromZero) {
  const float in[6] = {0.05f, -0.05f, 0.15f, 0.0f, 100.0f, -100.0f};
  int8_t out[6];
  affine_quantize(6, in, 0.1f, 3, out);
  EXPECT_EQ(out[0], 3 + 1);  // 0.5 -> 1
  EXPECT_EQ(out[1], 3 - 1);  // -0.5 -> -1
  EXPECT_EQ(out[2], 3 + 2);  // 1.5 -> 2
  EXPECT_EQ(out[3], 3);
  EXPECT_EQ(out[4], 127);
  EXPECT_EQ(out[5], -128);
}

TEST(Quantize, NonFiniteInputsLandLowLikeTfliteOnX86) {
  const float inf = std::numeric_limits<float>::infinity();
  const float in[4] = {inf, -inf, std::nanf(""), 1e20f};
  int8_t out[4];
  affine_quantize(4, in, 0.01f, 0, out);
  for (int8_t v : out) EXPECT_EQ(v, -128);
}

TEST(Quantize, Uint8AndInt16) {
  const float in[3] = {0.0f, 1.0f, -1.0f};
  uint8_t u[3];
  affine_quantize(3, in, 1.0f / 128, 128, u);
  EXPECT_EQ(u[0], 128);
  EXPECT_EQ(u[1], 255);  // 256 saturates
  EXPECT_EQ(u[2], 0);
  int16_t s[3];
  affine_quantize(3, in, 1.0f / 32768, 0, s);
  EXPECT_EQ(s[1], 32767);
  EXPECT_EQ(s[2], -32768);
}

TEST(Quantize, RequantizeInt8ToUint8SameScaleShiftsBy128) {
  int32_t m = 0;
  int shift = 0;
  quant::quantize_multiplier(1.0, &m, &shift);
  const int8_t in[3] = {-128, 0, 127};
  uint8_t out[3];
  requantize(3, in, -5, m, shift, 123, out);
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 128);
  EXPECT_EQ(out[2], 255);
}

TEST(Quantize, RequantizeHalvesWithRoundingAndClamps) {
  int32_t m = 0;
  int shift = 0;
  quant::quantize_multiplier(0.5, &m, &shift);
  const int8_t in[4] = {3, -3, 127, -128};
  int8_t out[4];
  requantize(4, in, 0, m, shift, 0, out);
  EXPECT_EQ(out[0], 2);   // 1.5 -> 2
  // The multiply (VQRDMULH) rounds half up, so the negative tie goes to -1.
  EXPECT_EQ(out[1], -1);  // -1.5 -> -1
  EXPECT_EQ(out[2], 64);
  EXPECT_EQ(out[3], -64);
  quant::quantize_multiplier(4.0, &m, &shift);
  requantize(4, in, 0, m, shift, 0, out);
  EXPECT_EQ(out[0], 12);
  EXPECT_EQ(out[2], 127);
  EXPECT_EQ(out[3], -128);
}

// [2, 3, 2] quantized along axis 1: channel c of every outer index uses
// scale[c] and zero_point[c].
TEST(Quantize, PerAxisInt8) {
  OpHarness h(OpKind::QUANTIZE);
  h.input<float>(DType::kFloat32, {2, 3, 2}, {0.05f, -0.05f, 1.0f, -1.0f, 0.3f, 100.0f,  //
                                              0.15f, 0.0f, 0.25f, -0.75f, -0.3f, -100.0f})
      .output_per_axis(DType::kInt8, {2, 3, 2}, {0.1f, 0.5f, 0.01f}, {0, -10, 5}, 1);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // channel 0 (0.1, 0): 0.5 -> 1, -0.5 -> -1, 1.5 -> 2, 0; channel 1 (0.5,
  // -10): 2 - 10, -2 - 10, 0.5 -> 1 - 10, -1.5 -> -2 - 10; channel 2 (0.01,
  // 5): 30 + 5, saturates, -30 + 5, saturates.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{1, -1, -8, -12, 35, 127, 2, 0, -9, -12, -25, -128}));
}

TEST(Quantize, PerAxisLastAxisUint8AndInt16) {
  OpHarness u(OpKind::QUANTIZE);
  u.input<float>(DType::kFloat32, {2, 2}, {0.0f, 1.0f, -1.0f, 0.02f})
      .output_per_axis(DType::kUInt8, {2, 2}, {1.0f / 128, 0.01f}, {128, 3}, 1);
  ASSERT_TRUE(u.run().ok()) << u.run().message();
  EXPECT_EQ(u.out<uint8_t>(), (std::vector<uint8_t>{128, 103, 0, 5}));  // -1 -> 0, 0.02 / 0.01 + 3
  OpHarness s(OpKind::QUANTIZE);
  s.input<float>(DType::kFloat32, {2, 2}, {0.5f, 0.5f, -2.0f, 1e-4f})
      .output_per_axis(DType::kInt16, {2, 2}, {1.0f / 32768, 1e-4f}, {0, 0}, 1);
  ASSERT_TRUE(s.run().ok()) << s.run().message();
  EXPECT_EQ(s.out<int16_t>(), (std::vector<int16_t>{16384, 5000, -32768, 1}));
}

TEST(Quantize, PerAxisNeedsFloatInput) {
  OpHarness h(OpKind::QUANTIZE);
  h.input<int8_t>(DType::kInt8, {2}, {1, 2}, 0.5f, 0).output_per_axis(DType::kInt8, {2}, {0.1f, 0.2f}, {0, 0}, 0);
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite::ref
