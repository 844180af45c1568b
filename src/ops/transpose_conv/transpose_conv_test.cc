// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// Stride 2, VALID, 2x2 filter of [1,2;3,4] on a 2x2 input [1,2;3,4]: every
// input pixel stamps input * filter into its own 2x2 output block.
TEST(TransposeConv, FloatStrideTwoStamps) {
  OpHarness h(OpKind::TRANSPOSE_CONV);
  h.constant<int32_t>(DType::kInt32, {4}, {1, 4, 4, 1})
      .constant<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4})
      .input<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4})
      .output(DType::kFloat32, {1, 4, 4, 1})
      .attr("padding", int64_t{1})
      .attr("stride_w", int64_t{2})
      .attr("stride_h", int64_t{2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}));
}

// Stride 1: overlapping stamps add up.
TEST(TransposeConv, FloatOverlapsAccumulate) {
  OpHarness h(OpKind::TRANSPOSE_CONV);
  h.constant<int32_t>(DType::kInt32, {4}, {1, 1, 3, 1})
      .constant<float>(DType::kFloat32, {1, 1, 2, 1}, {1, 1})
      .input<float>(DType::kFloat32, {1, 1, 2, 1}, {5, 7})
      .output(DType::kFloat32, {1, 1, 3, 1})
      .attr("padding", int64_t{1})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{5, 12, 7}));
}

TEST(TransposeConv, OutputShapeMustFit) {
  OpHarness h(OpKind::TRANSPOSE_CONV);
  h.constant<int32_t>(DType::kInt32, {4}, {2, 4, 4, 1})
      .constant<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4})
      .input<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4})
      .output(DType::kFloat32, {2, 4, 4, 1});
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
