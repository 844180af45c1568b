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

// A float32 layer reads its bias as float32: another dtype is refused.
TEST(TransposeConv, FloatNeedsAFloatBias) {
  OpHarness h(OpKind::TRANSPOSE_CONV);
  h.constant<int32_t>(DType::kInt32, {4}, {1, 2, 2, 1})
      .constant<float>(DType::kFloat32, {1, 1, 1, 1}, {1})
      .input<float>(DType::kFloat32, {1, 2, 2, 1}, {1, 2, 3, 4})
      .constant<int32_t>(DType::kInt32, {1}, {7})
      .output(DType::kFloat32, {1, 2, 2, 1});
  const Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bias must be float32"), std::string::npos) << st.message();
}

// int16x8, one output pixel per input pixel (1x1 filter, stride 1). Scales
// 0.5 x 0.5 / 1: real 0.25 = 2^30 * 2^(-1 - 31).
OpHarness int16_tconv(int16_t x, int8_t w, DType bias_type, int64_t bias, int64_t bias_type_attr, int activation = 0) {
  OpHarness h(OpKind::TRANSPOSE_CONV);
  h.constant<int32_t>(DType::kInt32, {4}, {1, 1, 1, 1})
      .constant<int8_t>(DType::kInt8, {1, 1, 1, 1}, {w}, 0.5f)
      .input<int16_t>(DType::kInt16, {1, 1, 1, 1}, {x}, 0.5f, 0);
  if (bias_type == DType::kInt64) h.constant<int64_t>(DType::kInt64, {1}, {bias}, 0.25f);
  else h.constant<int32_t>(DType::kInt32, {1}, {static_cast<int32_t>(bias)}, 0.25f);
  h.output(DType::kInt16, {1, 1, 1, 1}, 1.0f, 0)
      .attr("padding", int64_t{1})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1})
      .attr("fused_activation_function", int64_t{activation});
  if (bias_type_attr) h.attr("quantized_bias_type", bias_type_attr);
  return h;
}

// An accumulator of -6 is -1.5 on the output. The int64 path (16-bit
// multiplier 2^14, one rounding: (-6 * 2^14 + 2^15) >> 16) rounds the tie
// up to -1; an int32 bias (quantized_bias_type INT32) means the int32
// accumulator and the double rounding, which goes away from zero: -2.
TEST(TransposeConv, Int16TieRoundingDependsOnTheBiasType) {
  OpHarness wide = int16_tconv(-3, 2, DType::kInt64, 0, 0);
  ASSERT_TRUE(wide.run().ok()) << wide.run().message();
  EXPECT_EQ(wide.out<int16_t>(), (std::vector<int16_t>{-1}));
  OpHarness narrow = int16_tconv(-3, 2, DType::kInt32, 0, /*INT32*/ 2);
  ASSERT_TRUE(narrow.run().ok()) << narrow.run().message();
  EXPECT_EQ(narrow.out<int16_t>(), (std::vector<int16_t>{-2}));
}

TEST(TransposeConv, Int16BiasAndSaturation) {
  // 100 * 3 + 1000 = 1300 -> 325.
  OpHarness h = int16_tconv(100, 3, DType::kInt64, 1000, 4);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{325}));
  // 32767 * 127 + 2^40 needs the int64 accumulator; it saturates high.
  OpHarness big = int16_tconv(32767, 127, DType::kInt64, int64_t{1} << 40, 0);
  ASSERT_TRUE(big.run().ok());
  EXPECT_EQ(big.out<int16_t>(), (std::vector<int16_t>{32767}));
  OpHarness low = int16_tconv(-32768, 127, DType::kInt32, 0, 2);
  ASSERT_TRUE(low.run().ok());
  EXPECT_EQ(low.out<int16_t>(), (std::vector<int16_t>{-32768}));
  // RELU clamps at 0.
  OpHarness relu = int16_tconv(-100, 3, DType::kInt64, 0, 0, /*RELU*/ 1);
  ASSERT_TRUE(relu.run().ok());
  EXPECT_EQ(relu.out<int16_t>(), (std::vector<int16_t>{0}));
}

TEST(TransposeConv, Int16BiasMustMatchQuantizedBiasType) {
  OpHarness h = int16_tconv(1, 1, DType::kInt64, 0, /*INT32*/ 2);
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
