// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// [2,3] input rows times [2,3] weights: [[1,2,3],[4,5,6]] . [[1,0,1],[0,1,0]]^T + [1,-1]
TEST(FullyConnected, FloatRowsAndBias) {
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<float>(DType::kFloat32, {2, 3}, {1, 0, 1, 0, 1, 0})
      .constant<float>(DType::kFloat32, {2}, {1, -1})
      .output(DType::kFloat32, {2, 2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{5, 1, 11, 4}));
}

// keep_num_dims keeps [1,2,3] -> [1,2,2]; without it the rows flatten.
TEST(FullyConnected, KeepNumDims) {
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<float>(DType::kFloat32, {1, 2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<float>(DType::kFloat32, {2, 3}, {1, 0, 1, 0, 1, 0})
      .absent()
      .output(DType::kFloat32, {1, 2, 2})
      .attr("keep_num_dims", true);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_shape(), (std::vector<int32_t>{1, 2, 2}));
  EXPECT_EQ(h.out<float>(), (std::vector<float>{4, 2, 10, 5}));
}

// int8 per-tensor: (3 + 1) * 2 + (5 + 1) * -1 + 4 = 6; real multiplier
// 0.5 * 0.25 / 0.125 = 1 -> 6 + zero point 3 = 9. With RELU6 on an output of
// scale 0.125 the ceiling is q(6) = 51.
TEST(FullyConnected, Int8PerTensor) {
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<int8_t>(DType::kInt8, {1, 2}, {3, 5}, 0.5f, -1)
      .constant<int8_t>(DType::kInt8, {1, 2}, {2, -1}, 0, 0, {0.25f}, 0)
      .constant<int32_t>(DType::kInt32, {1}, {4})
      .output(DType::kInt8, {1, 1}, 0.125f, 3)
      .attr("fused_activation_function", int64_t{3});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{9}));
}

TEST(FullyConnected, DepthMustDivideTheInput) {
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<float>(DType::kFloat32, {1, 5}, {1, 2, 3, 4, 5})
      .constant<float>(DType::kFloat32, {1, 2}, {1, 1})
      .absent()
      .output(DType::kFloat32, {1, 1});
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("does not divide into rows of 2"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace xlite
