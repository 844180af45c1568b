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

// Identity with input and output scale 1: the 513 samples sit at -32768 +
// i * 65535/512 and the output is scaled by 65536/65535 (the table spans
// 65536 output steps), so sample i is round(1.0000153 * x_i), moved by half
// the midpoint error of the interpolation.
TEST(LutInt16, IdentityTable) {
  int16_t table[kInt16TableSize];
  populate_int16<float>(1.0f, 0, 1.0f, 0, [](float x) { return x; }, table);
  EXPECT_EQ(table[0], -32768);
  EXPECT_EQ(table[255], -129);  // x = -128.498 -> -128.500 -> -129 (tie away from zero)
  EXPECT_EQ(table[256], -1);    // x = -0.5 -> -1
  EXPECT_EQ(table[257], 128);   // x = 127.5 (float) -> 127.502 -> 128
  EXPECT_EQ(table[512], 32767);
  // value 0: segment 256, offset 0 -> the sample itself.
  EXPECT_EQ(lookup_int16(int16_t{0}, table), -1);
  // value 127: -1 + (129 * 127 + 64) >> 7 = -1 + 128.
  EXPECT_EQ(lookup_int16(int16_t{127}, table), 127);
  // value -1: segment 255, offset 127: -129 + (128 * 127 + 64) >> 7 = -129 + 127.
  EXPECT_EQ(lookup_int16(int16_t{-1}, table), -2);
  EXPECT_EQ(lookup_int16(int16_t{-32768}, table), -32768);
}

TEST(LutInt16, OutputSaturates) {
  int16_t table[kInt16TableSize];
  populate_int16<float>(1.0f, 0, 0.5f, 0, [](float x) { return x; }, table);  // doubles
  EXPECT_EQ(table[0], -32768);
  EXPECT_EQ(table[512], 32767);
  EXPECT_EQ(lookup_int16(int16_t{20000}, table), 32767);
  EXPECT_EQ(lookup_int16(int16_t{-20000}, table), -32768);
}

TEST(LutInt16, InterpolationRoundsHalfUpAndWrapsLikeInt16) {
  int16_t table[kInt16TableSize] = {};
  table[256] = 0;
  table[257] = 1;
  // slope 1 over 128 steps: offset 64 is exactly half -> (64 + 64) >> 7 = 1.
  EXPECT_EQ(lookup_int16(int16_t{63}, table), 0);
  EXPECT_EQ(lookup_int16(int16_t{64}, table), 1);
  table[258] = -3;
  // segment 257, slope -4: offset 32 -> (-128 + 64) >> 7 = -1 (floor).
  EXPECT_EQ(lookup_int16(int16_t{128 + 32}, table), 0);
  // A jump from -32768 to 32767 is a slope of 65535, which int16 reads as
  // -1; base + delta = -32768 - 1 wraps to 32767 in the int16 result.
  table[300] = -32768;
  table[301] = 32767;
  EXPECT_EQ(lookup_int16(int16_t{(300 - 256) * 128 + 127}, table), 32767);
}

}  // namespace
}  // namespace xlite::lut
