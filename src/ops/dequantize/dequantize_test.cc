// SPDX-License-Identifier: Apache-2.0
#include "ops/dequantize/dequantize_ref.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace xlite::ref {
namespace {

TEST(Dequantize, PerTensor) {
  const int8_t in[3] = {-128, 0, 127};
  const float scale = 0.5f;
  const int64_t zp = -1;
  float out[3];
  dequantize(3, in, 1, 1, &scale, &zp, out);
  EXPECT_EQ(out[0], -63.5f);
  EXPECT_EQ(out[1], 0.5f);
  EXPECT_EQ(out[2], 64.0f);
}

TEST(Dequantize, Uint8AndInt16) {
  const uint8_t u[2] = {0, 255};
  const float scale = 0.25f;
  const int64_t zp = 128;
  float out[2];
  dequantize(2, u, 1, 1, &scale, &zp, out);
  EXPECT_EQ(out[0], -32.0f);
  EXPECT_EQ(out[1], 31.75f);
  const int16_t s[2] = {-32768, 32767};
  const int64_t zero = 0;
  dequantize(2, s, 1, 1, &scale, &zero, out);
  EXPECT_EQ(out[0], -8192.0f);
  EXPECT_EQ(out[1], 8191.75f);
}

TEST(Dequantize, PerAxis) {
  // Shape [2, 3] quantized along axis 1: three channels, inner size 1.
  const int8_t in[6] = {1, 1, 1, 2, 2, 2};
  const float scales[3] = {1.0f, 0.5f, 0.25f};
  const int64_t zps[3] = {0, 1, 2};
  float out[6];
  dequantize(6, in, 3, 1, scales, zps, out);
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], 0.0f);
  EXPECT_EQ(out[2], -0.25f);
  EXPECT_EQ(out[3], 2.0f);
  EXPECT_EQ(out[4], 0.5f);
  EXPECT_EQ(out[5], 0.0f);
  // Along axis 0 of [2, 3]: two channels, inner size 3.
  dequantize(6, in, 2, 3, scales, zps, out);
  EXPECT_EQ(out[2], 1.0f);
  EXPECT_EQ(out[3], 0.5f);
}

TEST(Dequantize, HalfToFloat) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x7BFF), 65504.0f);
  EXPECT_EQ(half_to_float(0x0400), std::ldexp(1.0f, -14));         // smallest normal
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));         // smallest subnormal
  EXPECT_EQ(half_to_float(0x03FF), 1023 * std::ldexp(1.0f, -24));  // largest subnormal
  EXPECT_EQ(half_to_float(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(half_to_float(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_TRUE(std::signbit(half_to_float(0x8000)));
  EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);
}

}  // namespace
}  // namespace xlite::ref
