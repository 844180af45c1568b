// SPDX-License-Identifier: Apache-2.0
#include "ops/sqrt/sqrt_ref.h"

#include <gtest/gtest.h>

namespace xlite::ref {
namespace {

TEST(Sqrt, Int8TruncatesTowardZero) {
  const int8_t in[5] = {0, 1, 8, 9, 100};
  int8_t out[5];
  ASSERT_TRUE(sqrt_quantized(5, in, 1.0f, 0, 1.0f, 0, out));
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 1);
  EXPECT_EQ(out[2], 2);  // 2.83 truncates, does not round to 3
  EXPECT_EQ(out[3], 3);
  EXPECT_EQ(out[4], 10);
}

TEST(Sqrt, ZeroPointsScalesAndSaturation) {
  const int8_t in[3] = {-128, 127, -127};
  int8_t out[3];
  // Input scale 1/4 with zero point -128: 127 is 63.75; output 1/16, zp -128.
  ASSERT_TRUE(sqrt_quantized(3, in, 0.25f, -128, 1.0f / 16, -128, out));
  EXPECT_EQ(out[0], -128);
  EXPECT_EQ(out[1], -128 + 127);  // 7.98 * 16 = 127.7 -> 127
  EXPECT_EQ(out[2], -120);        // sqrt(0.25) * 16 = 8
  ASSERT_TRUE(sqrt_quantized(3, in, 0.25f, -128, 1.0f / 64, -128, out));
  EXPECT_EQ(out[1], 127);  // 511 saturates
}

TEST(Sqrt, NegativeInputIsAnError) {
  const int8_t in[2] = {4, -1};
  int8_t out[2];
  EXPECT_FALSE(sqrt_quantized(2, in, 1.0f, 0, 1.0f, 0, out));
}

TEST(Sqrt, Int16) {
  const int16_t in[2] = {10000, 32767};
  int16_t out[2];
  ASSERT_TRUE(sqrt_quantized(2, in, 1.0f, 0, 1.0f / 256, 0, out));
  EXPECT_EQ(out[0], 25600);  // 100 * 256
  EXPECT_EQ(out[1], 32767);  // 181.02 * 256 saturates
}

}  // namespace
}  // namespace xlite::ref
