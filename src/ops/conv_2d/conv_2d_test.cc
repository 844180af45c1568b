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

// int16x8, a 1x1 filter on one pixel: the output is x * w (+ bias) times the
// real multiplier 0.5 * 0.25 / 1 = 0.125 = 2^30 * 2^(-2 - 31).
OpHarness int16_conv(int16_t x, int8_t w, DType bias_type, int64_t bias, int64_t bias_type_attr) {
  OpHarness h(OpKind::CONV_2D);
  h.input<int16_t>(DType::kInt16, {1, 1, 1, 1}, {x}, 0.5f, 0)
      .constant<int8_t>(DType::kInt8, {1, 1, 1, 1}, {w}, 0, 0, {0.25f}, 0);
  if (bias_type == DType::kInt64) h.constant<int64_t>(DType::kInt64, {1}, {bias}, 0.125f);
  else h.constant<int32_t>(DType::kInt32, {1}, {static_cast<int32_t>(bias)}, 0.125f);
  h.output(DType::kInt16, {1, 1, 1, 1}, 1.0f, 0)
      .attr("padding", int64_t{1})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1});
  if (bias_type_attr) h.attr("quantized_bias_type", bias_type_attr);
  return h;
}

std::vector<int16_t> run_int16_conv(int16_t x, int8_t w, DType bias_type, int64_t bias, int64_t bias_type_attr) {
  OpHarness h = int16_conv(x, w, bias_type, bias, bias_type_attr);
  Status st = h.run();
  EXPECT_TRUE(st.ok()) << st.message();
  return st.ok() ? h.out<int16_t>() : std::vector<int16_t>{};
}

// The bias type picks the arithmetic (TFLite conv.cc EvalQuantizedPerChannel16x8,
// reference_integer_ops::ConvPerChannel<AccumScalar>). An int64 bias: int64
// accumulator, multiplier cut to 16 bits (2^14), one rounding shift of 17. An
// int32 bias (quantized_bias_type INT32): int32 accumulator and the double
// rounding, SaturatingRoundingDoublingHighMul by 2^30 then a rounding shift
// of 2, half away from zero. Both values checked against LiteRT 2.3.
TEST(Conv2D, Int16RequantizationDependsOnTheBiasType) {
  // acc 3 = 0.375: int64 (3 * 2^14 + 2^16) >> 17 = 0; int32 first rounds
  // 3 / 2 up to 2, then 2 / 4 = 0.5 away from zero to 1.
  EXPECT_EQ(run_int16_conv(3, 1, DType::kInt64, 0, 0), (std::vector<int16_t>{0}));
  EXPECT_EQ(run_int16_conv(3, 1, DType::kInt32, 0, /*INT32*/ 2), (std::vector<int16_t>{1}));
  // acc -12 = -1.5: int64 (-12 * 2^14 + 2^16) >> 17 = -1 (ties go up); int32
  // -12 / 2 = -6 exactly, then -6 / 4 = -1.5 away from zero to -2.
  EXPECT_EQ(run_int16_conv(-12, 1, DType::kInt64, 0, /*INT64*/ 4), (std::vector<int16_t>{-1}));
  EXPECT_EQ(run_int16_conv(-6, 2, DType::kInt32, 0, 2), (std::vector<int16_t>{-2}));
  // An int32 bias tensor without quantized_bias_type also takes the int32 path.
  EXPECT_EQ(run_int16_conv(-12, 1, DType::kInt32, 0, 0), (std::vector<int16_t>{-2}));
}

TEST(Conv2D, Int16Int32BiasAddsAndSaturates) {
  // 100 * 3 + 1000 = 1300 -> 162.5 -> 163.
  EXPECT_EQ(run_int16_conv(100, 3, DType::kInt32, 1000, 2), (std::vector<int16_t>{163}));
  // -28 * 5 - 4 = -144 -> -18 exactly.
  EXPECT_EQ(run_int16_conv(-28, 5, DType::kInt32, -4, 2), (std::vector<int16_t>{-18}));
  // 32767 * 127 + 2^30 = 1077903233 -> 134737904 saturates at 32767.
  EXPECT_EQ(run_int16_conv(32767, 127, DType::kInt32, int64_t{1} << 30, 2), (std::vector<int16_t>{32767}));
}

TEST(Conv2D, Int16BiasMustMatchQuantizedBiasType) {
  OpHarness h = int16_conv(1, 1, DType::kInt64, 0, /*INT32*/ 2);
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("does not match quantized_bias_type"), std::string::npos) << st.message();
  OpHarness bad = int16_conv(1, 1, DType::kInt32, 0, /*INT8*/ 9);
  EXPECT_FALSE(bad.run().ok());
}

}  // namespace
}  // namespace xlite
