// SPDX-License-Identifier: Apache-2.0
#include "ops/gelu/gelu_ref.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ops/common/lut.h"

namespace xlite::ref {
namespace {

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

}  // namespace
}  // namespace xlite::ref
