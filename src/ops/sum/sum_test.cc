// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(Sum, FloatOverTwoAxes) {
  OpHarness h(OpKind::SUM);
  h.input<float>(DType::kFloat32, {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})
      .constant<int32_t>(DType::kInt32, {2}, {0, -1})
      .output(DType::kFloat32, {2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1 + 2 + 5 + 6, 3 + 4 + 7 + 8}));
}

// int8: round(sum * s + b) + zp with s = 0.5 / 1.0, b = -zp_in * s * count:

// (3 + 4 - 2 * -1) * 0.5 = 4.5 -> 5 (half away from zero), + 1 = 6.

TEST(Sum, Int8Rescales) {
  OpHarness h(OpKind::SUM);
  h.input<int8_t>(DType::kInt8, {1, 2}, {3, 4}, 0.5f, -1)
      .constant<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kInt8, {1}, 1.0f, 1);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{6}));
}

// int8: (3, 4) - zp 0 has norm 5, so 0.6 and 0.8 in 1/128 steps: 77 and 102.

}  // namespace
}  // namespace xlite
