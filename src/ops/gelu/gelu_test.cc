// SPDX-License-Identifier: Apache-2.0
#include "ops/gelu/gelu_ref.h"

#include <gtest/gtest.h>

#include <cmath>

#include "op_harness.h"
#include "ops/common/lut.h"

namespace xlite::ref {
namespace {

using testing::OpHarness;

TEST(Gelu, Float) {
  EXPECT_EQ(gelu_exact(0.0f), 0.0f);
  EXPECT_NEAR(gelu_exact(1.0f), 0.8413447f, 1e-6);   // x * Phi(x)
  EXPECT_NEAR(gelu_exact(-1.0f), -0.1586553f, 1e-6);
  EXPECT_NEAR(gelu_tanh(1.0f), 0.8411920f, 1e-6);
  EXPECT_NEAR(gelu_tanh(-1.0f), -0.1588080f, 1e-6);
  // The erfc form does not cancel to garbage for large negative inputs.
  EXPECT_LE(std::abs(gelu_exact(-10.0f)), 1e-20f);
  EXPECT_EQ(gelu_exact(10.0f), 10.0f);
}

TEST(Gelu, Int8Table) {
  int8_t table[256];
  lut::populate(1.0f / 16, 0, 1.0f / 32, -64, &gelu_exact, table);
  EXPECT_EQ(table[0], -64);
  EXPECT_EQ(table[16], -64 + 27);  // 0.8413 * 32 = 26.9
  EXPECT_EQ(table[static_cast<uint8_t>(int8_t{-16})], -64 - 5);  // -0.1587 * 32 = -5.08
  EXPECT_EQ(table[127], 127);  // 7.94 * 32 - 64 = 190 saturates
}

TEST(Gelu, Uint8Table) {
  uint8_t table[256];
  // Input scale 1/16 around 128, output scale 1/32 around 64.
  lut::populate(1.0f / 16, 128, 1.0f / 32, 64, &gelu_exact, table);
  EXPECT_EQ(table[128], 64);
  EXPECT_EQ(table[144], 64 + 27);      // gelu(1) = 0.8413 * 32 = 26.9
  EXPECT_EQ(table[100], 64 - 2);       // gelu(-1.75) = -0.0703 * 32 = -2.25
  EXPECT_EQ(table[0], 64);             // gelu(-8) = -1e-14 -> 0
  EXPECT_EQ(table[200], 208);          // gelu(4.5) = 4.5 * 32 = 144
  EXPECT_EQ(table[255], 255);          // 7.94 * 32 + 64 = 318 saturates
}

// Input and output scale 1/4096 (+-8). The same values come out of LiteRT
// 2.3.0's reference GELU (which has an int16 kernel there).
TEST(Gelu, Int16InterpolatedTable) {
  const std::vector<int16_t> in = {-32768, -16384, -4096, -1, 0, 1, 4096, 8192, 16384, 32767};
  OpHarness tanh_form(OpKind::GELU);
  tanh_form.input<int16_t>(DType::kInt16, {10}, in, 1.0f / 4096, 0)
      .output(DType::kInt16, {10}, 1.0f / 4096, 0)
      .attr("approximate", true);
  ASSERT_TRUE(tanh_form.run().ok()) << tanh_form.run().message();
  // gelu(-1) = -0.1588 * 4096 = -650.5 -> -651; gelu(1) = 3445.5 -> 3444 by
  // interpolation; gelu(4) = 3.99987 * 4096 = 16383.5 -> 16383; gelu(8) just
  // under 32767. The samples sit half a step off the codes, so 0 -> -1.
  EXPECT_EQ(tanh_form.out<int16_t>(), (std::vector<int16_t>{0, 0, -651, -1, -1, 0, 3444, 8005, 16383, 32766}));
  OpHarness erf_form(OpKind::GELU);
  erf_form.input<int16_t>(DType::kInt16, {10}, in, 1.0f / 4096, 0)
      .output(DType::kInt16, {10}, 1.0f / 4096, 0)
      .attr("approximate", false);
  ASSERT_TRUE(erf_form.run().ok());
  EXPECT_EQ(erf_form.out<int16_t>(), (std::vector<int16_t>{0, -1, -650, -1, -1, 0, 3446, 8005, 16383, 32766}));
}

}  // namespace
}  // namespace xlite::ref
