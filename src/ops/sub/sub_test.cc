// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Sub, FloatBroadcastsAColumn) {
  KernelHarness h(OpKind::SUB);
  h.input<float>(DType::kFloat32, {2, 1}, {10, 20})
      .input<float>(DType::kFloat32, {3}, {1, 2, 3})
      .output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(h.out<float>(), (std::vector<float>{9, 8, 7, 19, 18, 17}));
}

TEST(Sub, FloatFusedReluN1To1) {
  KernelHarness h(OpKind::SUB);
  h.input<float>(DType::kFloat32, {3}, {5, 0.25f, -5}).input<float>(DType::kFloat32, {}, {0}).output(DType::kFloat32);
  h.attrs().set("fused_activation_function", int64_t{2});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1, 0.25f, -1}));
}

TEST(Sub, Int32Wraps) {
  KernelHarness h(OpKind::SUB);
  h.input<int32_t>(DType::kInt32, {2}, {std::numeric_limits<int32_t>::min(), 5})
      .input<int32_t>(DType::kInt32, {2}, {1, 7})
      .output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int32_t>(), (std::vector<int32_t>{std::numeric_limits<int32_t>::max(), -2}));
}

TEST(Sub, Int8ExactSaturatingAndTies) {
  KernelHarness h(OpKind::SUB);
  h.input<int8_t>(DType::kInt8, {4}, {7, 100, -100, 0}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {4}, {3, -100, 100, 0}, 1.0f, 0)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{4, 127, -128, 0}));

  // Output scale 2: 3 / 2 = 1.5 -> 2, -1.5 -> -2.
  KernelHarness t(OpKind::SUB);
  t.input<int8_t>(DType::kInt8, {2}, {4, 1}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {2}, {1, 4}, 1.0f, 0)
      .output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(t.run().ok());
  EXPECT_EQ(t.out<int8_t>(), (std::vector<int8_t>{2, -2}));
}

TEST(Sub, Int8Relu6WithZeroPoints) {
  // a = (q + 20) * 0.5, b = q * 0.5, out = (q + 128) * 0.1: RELU6 caps at
  // q = -128 + round(6 / 0.1) = -68.
  KernelHarness h(OpKind::SUB);
  h.input<int8_t>(DType::kInt8, {3}, {0, 100, -40}, 0.5f, -20)
      .input<int8_t>(DType::kInt8, {3}, {10, 0, 0}, 0.5f, 0)
      .output(DType::kInt8, 0.1f, -128);
  h.attrs().set("fused_activation_function", int64_t{3});
  ASSERT_TRUE(h.run().ok());
  // reals: 10 - 5 = 5, 60, -10 -> 5, 6, 0.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-78, -68, -128}));
}

TEST(Sub, Int16GeneralPathAllowsZeroPoints) {
  KernelHarness h(OpKind::SUB);
  h.input<int16_t>(DType::kInt16, {2}, {110, -32768}, 1.0f, 10)
      .input<int16_t>(DType::kInt16, {2}, {50, 32767}, 1.0f, 0)
      .output(DType::kInt16, 1.0f, 0);
  h.attrs().set("pot_scale_int16", false);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{50, -32768}));
}

TEST(Sub, Int16PowerOfTwoBroadcast) {
  KernelHarness h(OpKind::SUB);
  h.input<int16_t>(DType::kInt16, {2, 2}, {10, 20, -10, -20}, 0.5f, 0)
      .input<int16_t>(DType::kInt16, {1}, {3}, 1.0f, 0)
      .output(DType::kInt16, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{2, 7, -8, -13}));
}

TEST(Sub, ZeroSizeDims) {
  KernelHarness h(OpKind::SUB);
  h.input<int8_t>(DType::kInt8, {2, 0}, {}, 1.0f, 0).input<int8_t>(DType::kInt8, {1}, {1}, 1.0f, 0);
  h.output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{2, 0}));
}

}  // namespace
}  // namespace xlite
