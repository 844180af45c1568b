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

TEST(ReduceMax, Int8KeepsQuantization) {
  OpHarness h(OpKind::REDUCE_MAX);
  h.input<int8_t>(DType::kInt8, {2, 3}, {-5, 7, 1, -128, -100, -101}, 0.1f, 3)
      .constant<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kInt8, {2, 1}, 0.1f, 3)
      .attr("keep_dims", true);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{7, -100}));
}

TEST(ReduceMax, QuantizationMustMatch) {
  OpHarness h(OpKind::REDUCE_MAX);
  h.input<int8_t>(DType::kInt8, {2}, {1, 2}, 0.1f, 0)
      .constant<int32_t>(DType::kInt32, {1}, {0})
      .output(DType::kInt8, {}, 0.2f, 0);
  EXPECT_FALSE(h.run().ok());
}

TEST(L2Normalization, FloatUnitRows) {
  OpHarness h(OpKind::L2_NORMALIZATION);
  h.input<float>(DType::kFloat32, {2, 2}, {3, 4, 0, 0}).output(DType::kFloat32, {2, 2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // A zero row stays zero: the norm is floored at 1e-6, not divided by 0.
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0.6f, 0.8f, 0, 0}));
}

}  // namespace
}  // namespace xlite
