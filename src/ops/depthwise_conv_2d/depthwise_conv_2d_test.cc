// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// Two input channels, depth multiplier 2: output channel ic*2 + m reads input
// channel ic. 1x1 filter, so each output is input * weight.
TEST(DepthwiseConv2D, FloatDepthMultiplier) {
  OpHarness h(OpKind::DEPTHWISE_CONV_2D);
  h.input<float>(DType::kFloat32, {1, 1, 1, 2}, {3, 5})
      .constant<float>(DType::kFloat32, {1, 1, 1, 4}, {1, 2, 10, 20})
      .absent()
      .output(DType::kFloat32, {1, 1, 1, 4});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{3, 6, 50, 100}));
}

// 3x3 SAME on a 3x3 single-channel input with a filter of ones: each output
// sums its neighbourhood (padded taps skipped).
TEST(DepthwiseConv2D, FloatSamePadding) {
  OpHarness h(OpKind::DEPTHWISE_CONV_2D);
  h.input<float>(DType::kFloat32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .constant<float>(DType::kFloat32, {1, 3, 3, 1}, std::vector<float>(9, 1.0f))
      .absent()
      .output(DType::kFloat32, {1, 3, 3, 1})
      .attr("padding", int64_t{0})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{12, 21, 16, 27, 45, 33, 24, 39, 28}));
}

// int8 per-channel along dimension 3, with the input zero point added back.
TEST(DepthwiseConv2D, Int8PerChannel) {
  OpHarness h(OpKind::DEPTHWISE_CONV_2D);
  h.input<int8_t>(DType::kInt8, {1, 1, 1, 2}, {-3, 7}, 1.0f, -5)
      .constant<int8_t>(DType::kInt8, {1, 1, 1, 2}, {3, -2}, 0, 0, {0.5f, 0.25f}, 3)
      .constant<int32_t>(DType::kInt32, {2}, {0, 4})
      .output(DType::kInt8, {1, 1, 1, 2}, 0.5f, 0);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // c0: 3 * (-3 + 5) = 6, multiplier 1.0 -> 6; c1: -2 * 12 + 4 = -20, multiplier 0.5 -> -10
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{6, -10}));
}

// int16 activations with an int64 bias run; an int32 bias is refused, as
// LiteRT's Prepare refuses it (bias->type != kTfLiteInt64).
TEST(DepthwiseConv2D, Int16NeedsAnInt64Bias) {
  auto make = [](bool int32_bias) {
    OpHarness h(OpKind::DEPTHWISE_CONV_2D);
    h.input<int16_t>(DType::kInt16, {1, 1, 1, 1}, {-3}, 0.5f, 0)
        .constant<int8_t>(DType::kInt8, {1, 1, 1, 1}, {2}, 0, 0, {0.5f}, 3);
    if (int32_bias) h.constant<int32_t>(DType::kInt32, {1}, {0}, 0.25f);
    else h.constant<int64_t>(DType::kInt64, {1}, {0}, 0.25f);
    h.output(DType::kInt16, {1, 1, 1, 1}, 1.0f, 0);
    return h;
  };
  OpHarness ok = make(false);
  ASSERT_TRUE(ok.run().ok()) << ok.run().message();
  // -6 * 0.25 = -1.5: the int64 requantization rounds the tie up.
  EXPECT_EQ(ok.out<int16_t>(), (std::vector<int16_t>{-1}));
  OpHarness refused = make(true);
  Status st = refused.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("is not supported"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("not supported yet"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace xlite
