// SPDX-License-Identifier: Apache-2.0
// EXP int8 is a float-built table (ops/common/lut.h) over std::exp.
#include <gtest/gtest.h>

#include <cmath>

#include "ops/common/lut.h"

namespace xlite::lut {
namespace {

float exp_fn(float v) { return std::exp(v); }

TEST(Exp, Int8Table) {
  int8_t table[256];
  lut::populate(1.0f / 32, 0, 1.0f / 16, -128, &exp_fn, table);
  EXPECT_EQ(table[0], -112);                                   // 1 -> 16
  EXPECT_EQ(table[32], -128 + 43);                             // e = 2.718 * 16 = 43.5 -> 43
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], -128);  // e^-4 * 16 = 0.29 -> 0
  EXPECT_EQ(table[127], 127);                                  // e^3.97 * 16 = 848 saturates
}

TEST(Exp, HugeValuesSaturateHigh) {
  int8_t table[256];
  // exp(127 * 1) overflows float; the table still holds the maximum.
  lut::populate(1.0f, 0, 0.01f, 0, &exp_fn, table);
  EXPECT_EQ(table[127], 127);
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-128})], 0);
}

}  // namespace
}  // namespace xlite::lut
