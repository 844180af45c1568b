// SPDX-License-Identifier: Apache-2.0
#include "ops/logistic/logistic_ref.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ops/common/lut.h"

namespace xlite::ref {
namespace {

TEST(Logistic, Float) {
  EXPECT_FLOAT_EQ(logistic_float(0.0f), 0.5f);
  EXPECT_NEAR(logistic_float(2.0f), 0.8807971f, 1e-7);
  EXPECT_EQ(logistic_float(1000.0f), 1.0f);
  EXPECT_EQ(logistic_float(-1000.0f), 0.0f);  // clamped to -100; exp(100) is inf in float
  EXPECT_TRUE(std::isnan(logistic_float(std::nanf(""))));
}

TEST(Logistic, Int8Table) {
  int8_t table[256];
  // Input 1/16, output 1/256 with zero point -128 (the spec's fixed output).
  lut::populate(1.0f / 16, 0, 1.0f / 256, -128, [](float v) { return 1.0f / (1.0f + std::exp(-v)); }, table);
  EXPECT_EQ(table[0], 0);                                      // 0.5 -> 128 - 128
  EXPECT_EQ(table[16], 59);                                    // sigmoid(1) = 0.7311 -> 187
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-16})], -59);    // sigmoid(-1) = 0.2689 -> 69
  EXPECT_EQ(table[127], 127);                                  // 255.9 -> 256 saturates
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], -128);  // 0.087 -> 0
}

TEST(Logistic, Int16PowerOfTwoScale) {
  // Input scale 2^-12 (Q3.12): multiplier 0 stands for 3 << 0.
  const int16_t in[5] = {0, 4096, -4096, 32767, -32768};
  int16_t out[5];
  logistic_int16(0, 0, 5, in, out);
  EXPECT_EQ(out[0], 16384);  // 0.5 in Q0.15
  EXPECT_NEAR(out[1], 0.7310586 * 32768, 2);
  EXPECT_NEAR(out[2], 0.2689414 * 32768, 2);
  EXPECT_NEAR(out[1] + out[2], 32768, 1);  // symmetric around 1/2 up to the rounding
  EXPECT_NEAR(out[3], 32757, 2);      // sigmoid(8) = 0.99966
  EXPECT_NEAR(out[4], 11, 2);
}

TEST(Logistic, Int16SaturatesPastTheTable) {
  // A multiplier that maps the int16 range past table step 255.
  const int16_t in[2] = {32767, -32768};
  int16_t out[2];
  logistic_int16(3 << 3, 0, 2, in, out);
  EXPECT_EQ(out[0], 32767);
  EXPECT_EQ(out[1], 1);  // the negative branch's rounding leaves one LSB
}

}  // namespace
}  // namespace xlite::ref
