// SPDX-License-Identifier: Apache-2.0
#include "ops/rsqrt/rsqrt_ref.h"

#include <gtest/gtest.h>

#include "ops/common/quant.h"

namespace xlite::ref {
namespace {

// Input scale 1, output scale 1/64: multiplier 1 / (1 * 1/64) = 64.
struct Scale {
  int32_t multiplier;
  int shift;
};
Scale output_64() {
  Scale s{};
  quant::quantize_multiplier(64.0, &s.multiplier, &s.shift);
  return s;
}

TEST(Rsqrt, Int8HandComputed) {
  const Scale s = output_64();
  EXPECT_EQ(rsqrt_int8(1, 0, 0, s.multiplier, s.shift), 64);  // 1/sqrt(1) = 1
  EXPECT_EQ(rsqrt_int8(4, 0, 0, s.multiplier, s.shift), 32);  // 0.5
  EXPECT_EQ(rsqrt_int8(16, 0, 0, s.multiplier, s.shift), 16);
  EXPECT_EQ(rsqrt_int8(2, 0, 0, s.multiplier, s.shift), 45);  // 0.7071 * 64 = 45.25
  EXPECT_EQ(rsqrt_int8(100, 0, -100, s.multiplier, s.shift), -94);  // 6.4 - 100
}

TEST(Rsqrt, ZeroGivesMaximumAndZeroPointsApply) {
  const Scale s = output_64();
  EXPECT_EQ(rsqrt_int8(-128, -128, -128, s.multiplier, s.shift), 127);
  EXPECT_EQ(rsqrt_int8(-124, -128, -128, s.multiplier, s.shift), -96);  // 1/sqrt(4) * 64 - 128
}

TEST(Rsqrt, Saturates) {
  Scale s{};
  quant::quantize_multiplier(1000.0, &s.multiplier, &s.shift);
  EXPECT_EQ(rsqrt_int8(1, 0, 0, s.multiplier, s.shift), 127);
}

}  // namespace
}  // namespace xlite::ref
