// SPDX-License-Identifier: Apache-2.0
#include "ops/common/lut.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace xlite::lut {
namespace {

TEST(Lut, RoundsTiesAwayFromZeroAndClamps) {
  int8_t table[256];
  // Identity on a half-step grid: v * 0.5 lands on every .5 tie.
  populate(0.5f, 0, 1.0f, 0, [](float x) { return x; }, table);
  EXPECT_EQ(table[uint8_t{1}], 1);                        // 0.5 -> 1
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-1})], -1);  // -0.5 -> -1
  EXPECT_EQ(table[uint8_t{3}], 2);                        // 1.5 -> 2
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], -64);
  populate(1.0f, 0, 1.0f, 100, [](float x) { return x; }, table);
  EXPECT_EQ(table[uint8_t{27}], 127);
  EXPECT_EQ(table[uint8_t{28}], 127);  // 128 saturates
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], -28);
}

TEST(Lut, SaturatesPastInt32AndNanGoesLow) {
  int8_t table[256];
  populate(1.0f, 0, 1.0f, 0, [](float x) { return x > 0 ? std::numeric_limits<float>::infinity() : x; }, table);
  EXPECT_EQ(table[uint8_t{5}], 127);
  populate(1.0f, 0, 1.0f, 0, [](float) { return std::numeric_limits<float>::quiet_NaN(); }, table);
  EXPECT_EQ(table[uint8_t{5}], -128);
}

TEST(Lut, Uint8AndLookup) {
  uint8_t table[256];
  populate(1.0f, 128, 2.0f, 10, [](float x) { return x; }, table);
  EXPECT_EQ(table[128], 10);
  EXPECT_EQ(table[131], 12);  // 3 / 2 = 1.5 -> 2
  EXPECT_EQ(table[0], 0);     // -64 + 10 clamps
  const uint8_t in[3] = {128, 131, 0};
  uint8_t out[3];
  lookup(in, 3, table, out);
  EXPECT_EQ(out[0], 10);
  EXPECT_EQ(out[1], 12);
  EXPECT_EQ(out[2], 0);
}

TEST(Lut, FloatToInt32LikeX86) {
  EXPECT_EQ(float_to_int32_x86(1e20f), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(float_to_int32_x86(std::nanf("")), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(float_to_int32_x86(-2.9f), -2);
  EXPECT_EQ(float_to_int32_x86(2147483520.0f), 2147483520);
}

}  // namespace
}  // namespace xlite::lut
