// SPDX-License-Identifier: Apache-2.0
// RELU, RELU6 and RELU_N1_TO_1 share one implementation; their tests live
// here together.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ops/common/elementwise_test_util.h"

namespace xlite {
namespace {

using testing::OpHarness;

std::vector<float> run_float(OpKind kind, const std::vector<float>& x) {
  OpHarness h(kind);
  h.input<float>(DType::kFloat32, {static_cast<int32_t>(x.size())}, x).output(DType::kFloat32);
  EXPECT_TRUE(h.run().ok());
  return h.out<float>();
}

TEST(Relu, FloatClamps) {
  EXPECT_EQ(run_float(OpKind::RELU, {-2, -0.5f, 0, 3, 100}), (std::vector<float>{0, 0, 0, 3, 100}));
  EXPECT_EQ(run_float(OpKind::RELU6, {-2, 0.5f, 6, 7}), (std::vector<float>{0, 0.5f, 6, 6}));
  EXPECT_EQ(run_float(OpKind::RELU_N1_TO_1, {-2, -0.5f, 0.5f, 7}), (std::vector<float>{-1, -0.5f, 0.5f, 1}));
}

TEST(Relu, FloatNaNFollowsTflitesClampOrder) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(run_float(OpKind::RELU, {nan})[0]));
  EXPECT_TRUE(std::isnan(run_float(OpKind::RELU_N1_TO_1, {nan})[0]));
  EXPECT_EQ(run_float(OpKind::RELU6, {nan})[0], 0.0f);
}

TEST(Relu, Int8RequantizesThenClamps) {
  // in 0.5, out 0.25 (multiplier 2); out zero point -128 is real 0.
  OpHarness h(OpKind::RELU);
  h.input<int8_t>(DType::kInt8, {5}, {3, -3, 0, 60, 127}, 0.5f, 0).output(DType::kInt8, 0.25f, -128);
  ASSERT_TRUE(h.run().ok());
  // 127 is real 63.5, exactly q 254 - 128 = 126 on the output.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-122, -128, -128, -8, 126}));
}

TEST(Relu, Int8RoundingTie) {
  // Multiplier 0.5 via the doubling high mul: 3 -> 1.5 -> 2.
  OpHarness h(OpKind::RELU);
  h.input<int8_t>(DType::kInt8, {2}, {3, 5}, 1.0f, 0).output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, 3}));
}

TEST(Relu, Relu6UpperBoundIsQuantizedOnTheOutputScale) {
  // out scale 0.05: 6 -> q 120. Input real 7 (q 70 at 0.1) caps at 120.
  OpHarness h(OpKind::RELU6);
  h.input<int8_t>(DType::kInt8, {3}, {70, 30, -30}, 0.1f, 0).output(DType::kInt8, 0.05f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{120, 60, 0}));
}

TEST(Relu, ReluN1To1UInt8) {
  // out: scale 1/128, zero point 128; bounds q(-1) = 0, q(1) = 256 -> 255.
  OpHarness h(OpKind::RELU_N1_TO_1);
  h.input<uint8_t>(DType::kUInt8, {4}, {0, 255, 128, 136}, 1.0f / 16, 128).output(DType::kUInt8, 1.0f / 128, 128);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{0, 255, 128, 192}));
}

TEST(Relu, Int16Relu6Symmetric) {
  OpHarness h(OpKind::RELU6);
  h.input<int16_t>(DType::kInt16, {3}, {-100, 1000, 32767}, 0.001f, 0).output(DType::kInt16, 0.001f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{0, 1000, 6000}));

  OpHarness z(OpKind::RELU);
  z.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 2).output(DType::kInt16, 1.0f, 0);
  EXPECT_FALSE(z.run().ok());
  OpHarness n(OpKind::RELU_N1_TO_1);
  n.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 0).output(DType::kInt16, 1.0f, 0);
  EXPECT_FALSE(n.run().ok());
}

TEST(Relu, ZeroSizeAndScalar) {
  OpHarness h(OpKind::RELU);
  h.input<float>(DType::kFloat32, {2, 0}, {}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{2, 0}));
  OpHarness s(OpKind::RELU6);
  s.input<float>(DType::kFloat32, {}, {9}).output(DType::kFloat32);
  ASSERT_TRUE(s.run().ok());
  EXPECT_EQ(s.out<float>(), (std::vector<float>{6}));
}

}  // namespace
}  // namespace xlite
