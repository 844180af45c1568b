// SPDX-License-Identifier: Apache-2.0
// EXP int8 is a float-built table (ops/common/lut.h) over std::exp; int16
// the interpolated 513-entry table.
#include <gtest/gtest.h>

#include <cmath>

#include "op_harness.h"
#include "ops/common/lut.h"

namespace xlite::lut {
namespace {

using testing::OpHarness;

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

// Input scale 1/4096 (+-8), output scale 1/16. The same values come out of
// LiteRT 2.3.0's reference EXP.
TEST(Exp, Int16InterpolatedTable) {
  OpHarness h(OpKind::EXP);
  h.input<int16_t>(DType::kInt16, {10}, {-32768, -16384, -4096, -1, 0, 1, 4096, 8192, 16384, 32767}, 1.0f / 4096, 0)
      .output(DType::kInt16, {10}, 1.0f / 16, 0);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // e^-8 * 16 = 0.005, e^-4 * 16 = 0.29, e^-1 * 16 = 5.9, e^0 * 16 = 16,
  // e * 16 = 43.5, e^2 * 16 = 118.2, e^4 * 16 = 873.6 (interpolated: 873),
  // e^8 * 16 = 47696 saturates.
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{0, 0, 6, 16, 16, 16, 43, 118, 873, 32767}));
}

TEST(Exp, Int16NeedsSymmetricQuantization) {
  OpHarness h(OpKind::EXP);
  h.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f / 4096, 3).output(DType::kInt16, {1}, 1.0f / 16, 0);
  EXPECT_FALSE(h.run().ok());
}

TEST(Exp, Uint8IsNotALiteRtKernel) {
  OpHarness h(OpKind::EXP);
  h.input<uint8_t>(DType::kUInt8, {1}, {0}, 0.1f, 128).output(DType::kUInt8, {1}, 0.1f, 0);
  const Status s = h.run();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("not supported yet"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace xlite::lut
