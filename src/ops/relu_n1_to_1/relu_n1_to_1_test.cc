// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(ReluN1To1, FloatKeepsNaN) {
  KernelHarness h(OpKind::RELU_N1_TO_1);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  h.input<float>(DType::kFloat32, {5}, {-2, -0.5f, 0.5f, 7, nan}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  const auto o = h.out<float>();
  EXPECT_EQ(std::vector<float>(o.begin(), o.begin() + 4), (std::vector<float>{-1, -0.5f, 0.5f, 1}));
  EXPECT_TRUE(std::isnan(o[4]));
}

TEST(ReluN1To1, UInt8BoundsClampToTheType) {
  // out: scale 1/128, zero point 128; bounds q(-1) = 0, q(1) = 256 -> 255.
  KernelHarness h(OpKind::RELU_N1_TO_1);
  h.input<uint8_t>(DType::kUInt8, {4}, {0, 255, 128, 136}, 1.0f / 16, 128).output(DType::kUInt8, 1.0f / 128, 128);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{0, 255, 128, 192}));
}

TEST(ReluN1To1, Int8) {
  // out scale 0.25: bounds -4 and 4.
  KernelHarness h(OpKind::RELU_N1_TO_1);
  h.input<int8_t>(DType::kInt8, {4}, {-10, -3, 2, 10}, 0.25f, 0).output(DType::kInt8, 0.25f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-4, -3, 2, 4}));
}

TEST(ReluN1To1, Int16IsNotSupportedYet) {
  KernelHarness h(OpKind::RELU_N1_TO_1);
  h.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 0).output(DType::kInt16, 1.0f, 0);
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not supported yet"), std::string::npos);
}

}  // namespace
}  // namespace xlite
