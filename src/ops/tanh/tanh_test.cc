// SPDX-License-Identifier: Apache-2.0
#include "ops/tanh/tanh_ref.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ops/common/lut.h"

namespace xlite::ref {
namespace {

TEST(Tanh, Int8Table) {
  int8_t table[256];
  // Output 1/128 with zero point 0, the spec's fixed TANH output.
  lut::populate(1.0f / 32, 0, 1.0f / 128, 0, [](float v) { return std::tanh(v); }, table);
  EXPECT_EQ(table[0], 0);
  EXPECT_EQ(table[32], 97);                                    // tanh(1) * 128 = 97.48
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-32})], -97);
  EXPECT_EQ(table[127], 127);                                  // 127.96 -> 128 saturates
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], -128);  // -127.96 -> -128
}

TEST(Tanh, Int16PowerOfTwoScale) {
  // Q3.12 input (left shift 0): multiplier 0 stands for 3.
  const int16_t in[4] = {0, 4096, -4096, 32767};
  int16_t out[4];
  tanh_int16(0, 0, 4, in, out);
  EXPECT_EQ(out[0], 0);
  EXPECT_NEAR(out[1], 0.7615942 * 32768, 3);
  EXPECT_NEAR(out[2], -0.7615942 * 32768, 3);
  EXPECT_NEAR(out[3], 32767, 2);  // tanh(8)
}

TEST(Tanh, Int16Q4InputAndGeneralMultiplier) {
  // Q4.11 (left shift 1 -> multiplier 6) reads 2048 as 1.0.
  const int16_t in[1] = {2048};
  int16_t out[1];
  tanh_int16(0, 1, 1, in, out);
  EXPECT_NEAR(out[0], 0.7615942 * 32768, 3);
  // General scale s: multiplier / 2^shift = 3 * 4096 * s; s = 1e-4, shift 14.
  const int32_t m = static_cast<int32_t>(1e-4 * 4096 * 3 * (1 << 14));
  const int16_t in2[1] = {10000};  // 1.0
  tanh_int16(m, 14, 1, in2, out);
  EXPECT_NEAR(out[0], 0.7615942 * 32768, 4);
}

}  // namespace
}  // namespace xlite::ref
