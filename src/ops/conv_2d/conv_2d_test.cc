// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// 3x3 input, 2x2 filter of ones, VALID: each output sums a 2x2 window.
TEST(Conv2D, FloatValidWindowSums) {
  OpHarness h(OpKind::CONV_2D);
  h.input<float>(DType::kFloat32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .constant<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 1, 1, 1})
      .constant<float>(DType::kFloat32, {1}, {0.5f})
      .output(DType::kFloat32, {1, 2, 2, 1})
      .attr("padding", int64_t{1})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{12.5f, 16.5f, 24.5f, 28.5f}));
}

// SAME with stride 2 on 3x3: output 2x2; padding total 1 goes after, so the
// last row/column of windows sees one padded row/column (skipped).
TEST(Conv2D, FloatSameStrideTwoAndRelu6) {
  OpHarness h(OpKind::CONV_2D);
  h.input<float>(DType::kFloat32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .constant<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 1, 1, 1})
      .absent()
      .output(DType::kFloat32, {1, 2, 2, 1})
      .attr("padding", int64_t{0})
      .attr("stride_w", int64_t{2})
      .attr("stride_h", int64_t{2})
      .attr("fused_activation_function", int64_t{3});
  ASSERT_TRUE(h.run().ok());
  // windows: {1,2,4,5}=12, {3,6}=9, {7,8}=15, {9}=9 -> RELU6 clamps to 6
  EXPECT_EQ(h.out<float>(), (std::vector<float>{6, 6, 6, 6}));
}

// int8 per-channel: two output channels with different weight scales.
TEST(Conv2D, Int8PerChannelRequantizes) {
  OpHarness h(OpKind::CONV_2D);
  // input scale 0.5, zp -1: real values (q + 1) * 0.5
  h.input<int8_t>(DType::kInt8, {1, 1, 1, 2}, {3, 5}, 0.5f, -1)
      .constant<int8_t>(DType::kInt8, {2, 1, 1, 2}, {1, 2, -3, 4}, 0, 0, {0.25f, 0.5f}, 0)
      .constant<int32_t>(DType::kInt32, {2}, {10, -4})
      .output(DType::kInt8, {1, 1, 1, 2}, 0.125f, 2);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // acc0 = 1*(3+1) + 2*(5+1) + 10 = 26; real multiplier 0.5*0.25/0.125 = 1 -> 26 + 2 = 28
  // acc1 = -3*4 + 4*6 - 4 = 8; multiplier 0.5*0.5/0.125 = 2 -> 16 + 2 = 18
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{28, 18}));
}

TEST(Conv2D, Int8Saturates) {
  OpHarness h(OpKind::CONV_2D);
  h.input<int8_t>(DType::kInt8, {1, 1, 1, 1}, {127}, 1.0f, 0)
      .constant<int8_t>(DType::kInt8, {1, 1, 1, 1}, {127}, 0, 0, {1.0f}, 0)
      .absent()
      .output(DType::kInt8, {1, 1, 1, 1}, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{127}));
}

TEST(Conv2D, GroupedChannelsMustDivide) {
  OpHarness h(OpKind::CONV_2D);
  h.input<float>(DType::kFloat32, {1, 1, 1, 3}, {1, 2, 3})
      .constant<float>(DType::kFloat32, {1, 1, 1, 2}, {1, 1})
      .absent()
      .output(DType::kFloat32, {1, 1, 1, 1});
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not a multiple of filter channels"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace xlite
