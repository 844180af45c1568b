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

// int8/uint8: one input value x (scale 0.5, zero point zp) against two units
// with weight 1 (zero point 0), weight scales `scales`, output scale 1 and
// zero point zp. LiteRT 2.3's reference FULLY_CONNECTED requantizes
// round(acc * 0.5 * w_scale) in double, ties away from zero, per-tensor and
// per-channel, int8 and uint8 alike (measured on 160000 random outputs and
// 160000 power-of-two-scale outputs of each kind: no difference), where the
// double rounding gives -1.5 -> -1.
template <typename T>
std::vector<int32_t> run_quant_fc(DType t, int32_t x, std::vector<float> scales, std::vector<int32_t> bias = {0, 0}) {
  const int32_t zp = t == DType::kUInt8 ? 128 : 0;
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<T>(t, {1, 1}, {static_cast<T>(x + zp)}, 0.5f, zp)
      .template constant<T>(t, {2, 1}, {1, 1}, 0, 0, scales, 0)
      .template constant<int32_t>(DType::kInt32, {2}, bias)
      .output(t, {1, 2}, 1.0f, zp);
  Status st = h.run();
  EXPECT_TRUE(st.ok()) << st.message();
  std::vector<int32_t> out;
  if (st.ok())
    for (T v : h.out<T>()) out.push_back(static_cast<int32_t>(v) - zp);
  return out;
}

TEST(FullyConnected, Int8RoundsTiesAwayFromZero) {
  // Per-channel 1 and 0.5: -3 -> -1.5 -> -2 and -0.75 -> -1; 3 -> 2 and 1.
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, -3, {1.0f, 0.5f}), (std::vector<int32_t>{-2, -1}));
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, 3, {1.0f, 0.5f}), (std::vector<int32_t>{2, 1}));
  // -5 -> -2.5 -> -3 and -1.25 -> -1; -1 -> -0.5 -> -1 and -0.25 -> 0.
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, -5, {1.0f, 0.5f}), (std::vector<int32_t>{-3, -1}));
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, -1, {1.0f, 0.5f}), (std::vector<int32_t>{-1, 0}));
  // Per-tensor: -3 -> -1.5 -> -2 twice; the bias joins the accumulator:
  // -3 + 0 and -3 - 2 = -5 -> -2.5 -> -3.
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, -3, {1.0f}), (std::vector<int32_t>{-2, -2}));
  EXPECT_EQ(run_quant_fc<int8_t>(DType::kInt8, -3, {1.0f}, {0, -2}), (std::vector<int32_t>{-2, -3}));
  // Legacy uint8 (per-tensor), the same arithmetic.
  EXPECT_EQ(run_quant_fc<uint8_t>(DType::kUInt8, -3, {1.0f}), (std::vector<int32_t>{-2, -2}));
  EXPECT_EQ(run_quant_fc<uint8_t>(DType::kUInt8, 5, {1.0f}, {0, -2}), (std::vector<int32_t>{3, 2}));
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

// int16x8: one input value x (scale 1) against two units with weight 1,
// scales 0.5 and 0.125 per channel (or 0.5 for both), output scale 1. LiteRT
// 2.3's reference FULLY_CONNECTED requantizes round(acc * 0.5) and
// round(acc * 0.125) in double, ties away from zero, for an int64 and an
// int32 bias alike (fully_connected.cc FullyConnectedPerChannelInt16).
OpHarness int16_fc(int16_t x, DType bias_type, std::vector<int64_t> bias, std::vector<float> scales,
                   int64_t bias_type_attr = 0) {
  OpHarness h(OpKind::FULLY_CONNECTED);
  h.input<int16_t>(DType::kInt16, {1, 1}, {x}, 1.0f, 0).constant<int8_t>(DType::kInt8, {2, 1}, {1, 1}, 0, 0, scales, 0);
  if (bias_type == DType::kInt64) h.constant<int64_t>(DType::kInt64, {2}, bias, 0.125f);
  else h.constant<int32_t>(DType::kInt32, {2}, std::vector<int32_t>(bias.begin(), bias.end()), 0.125f);
  h.output(DType::kInt16, {1, 2}, 1.0f, 0);
  if (bias_type_attr) h.attr("quantized_bias_type", bias_type_attr);
  return h;
}

std::vector<int16_t> run_int16_fc(int16_t x, DType bias_type, std::vector<int64_t> bias, std::vector<float> scales,
                                  int64_t bias_type_attr = 0) {
  OpHarness h = int16_fc(x, bias_type, std::move(bias), std::move(scales), bias_type_attr);
  Status st = h.run();
  EXPECT_TRUE(st.ok()) << st.message();
  return st.ok() ? h.out<int16_t>() : std::vector<int16_t>{};
}

TEST(FullyConnected, Int16RoundsTiesAwayFromZero) {
  const std::vector<float> per_channel = {0.5f, 0.125f};
  for (DType bt : {DType::kInt64, DType::kInt32}) {
    const int64_t attr = bt == DType::kInt64 ? 4 : 2;
    // -3: -1.5 -> -2 (the 16-bit-multiplier rounding would give -1), -0.375 -> 0.
    EXPECT_EQ(run_int16_fc(-3, bt, {0, 0}, per_channel, attr), (std::vector<int16_t>{-2, 0}));
    // -12: -6, and -1.5 -> -2; 12: 6 and 1.5 -> 2.
    EXPECT_EQ(run_int16_fc(-12, bt, {0, 0}, per_channel, attr), (std::vector<int16_t>{-6, -2}));
    EXPECT_EQ(run_int16_fc(12, bt, {0, 0}, per_channel), (std::vector<int16_t>{6, 2}));
    // The bias joins the accumulator: -3 + 2 = -1 -> -0.5 -> -1; -3 - 9 = -12 -> -2.
    EXPECT_EQ(run_int16_fc(-3, bt, {2, -9}, per_channel, attr), (std::vector<int16_t>{-1, -2}));
    // One weight scale for both units: -3 -> -1.5 -> -2 twice.
    EXPECT_EQ(run_int16_fc(-3, bt, {0, 0}, {0.5f}), (std::vector<int16_t>{-2, -2}));
  }
}

TEST(FullyConnected, Int16SaturatesAndClamps) {
  // 32767 + 2^30 = 1073774591 -> 536887296 and 134221824: both saturate.
  EXPECT_EQ(run_int16_fc(32767, DType::kInt32, {int64_t{1} << 30, int64_t{1} << 30}, {0.5f, 0.125f}, 2),
            (std::vector<int16_t>{32767, 32767}));
  EXPECT_EQ(run_int16_fc(-32768, DType::kInt64, {-(int64_t{1} << 40), 0}, {0.5f, 0.125f}),
            (std::vector<int16_t>{-32768, -4096}));
  OpHarness relu = int16_fc(-3, DType::kInt32, {0, 0}, {0.5f, 0.125f}, 2);
  relu.attr("fused_activation_function", int64_t{1});
  ASSERT_TRUE(relu.run().ok());
  EXPECT_EQ(relu.out<int16_t>(), (std::vector<int16_t>{0, 0}));
}

TEST(FullyConnected, Int16BiasMustMatchQuantizedBiasType) {
  OpHarness h = int16_fc(1, DType::kInt32, {0, 0}, {0.5f}, /*INT64*/ 4);
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("does not match quantized_bias_type"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace xlite
