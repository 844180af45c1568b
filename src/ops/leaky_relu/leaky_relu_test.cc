// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(LeakyRelu, Float) {
  KernelHarness h(OpKind::LEAKY_RELU);
  h.input<float>(DType::kFloat32, {4}, {-10, -1, 0, 3}).output(DType::kFloat32);
  h.attrs().set("alpha", 0.25);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{-2.5f, -0.25f, 0, 3}));
}

TEST(LeakyRelu, Int8TwoMultipliers) {
  // Identity multiplier 1, alpha multiplier 0.5; the doubling high mul
  // rounds -1.5 toward zero to -1 and -2.5 to -2.
  KernelHarness h(OpKind::LEAKY_RELU);
  h.input<int8_t>(DType::kInt8, {5}, {4, -3, -5, -128, 127}, 1.0f, 0).output(DType::kInt8, 1.0f, 0);
  h.attrs().set("alpha", 0.5);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{4, -1, -2, -64, 127}));
}

TEST(LeakyRelu, Int8ZeroPointsAndSaturation) {
  // Real x = q - 10; out = (q + 100) * 0.5.
  KernelHarness h(OpKind::LEAKY_RELU);
  h.input<int8_t>(DType::kInt8, {3}, {110, 10, 0}, 1.0f, 10).output(DType::kInt8, 0.5f, -100);
  h.attrs().set("alpha", 0.2);
  ASSERT_TRUE(h.run().ok());
  // 100 -> 200 - 100 = 100; 0 -> -100; -10 * 0.2 = -2 -> -4 - 100 = -104.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{100, -100, -104}));
}

TEST(LeakyRelu, NegativeAlpha) {
  KernelHarness h(OpKind::LEAKY_RELU);
  h.input<int8_t>(DType::kInt8, {2}, {-4, 4}, 1.0f, 0).output(DType::kInt8, 1.0f, 0);
  h.attrs().set("alpha", -0.5);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, 4}));
}

TEST(LeakyRelu, UInt8AndInt16) {
  KernelHarness u(OpKind::LEAKY_RELU);
  u.input<uint8_t>(DType::kUInt8, {2}, {100, 200}, 1.0f, 128).output(DType::kUInt8, 1.0f, 128);
  u.attrs().set("alpha", 0.25);
  ASSERT_TRUE(u.run().ok());
  EXPECT_EQ(u.out<uint8_t>(), (std::vector<uint8_t>{121, 200}));

  KernelHarness s(OpKind::LEAKY_RELU);
  s.input<int16_t>(DType::kInt16, {2}, {-1000, 1000}, 1.0f, 0).output(DType::kInt16, 1.0f, 0);
  s.attrs().set("alpha", 0.1);
  ASSERT_TRUE(s.run().ok());
  EXPECT_EQ(s.out<int16_t>(), (std::vector<int16_t>{-100, 1000}));
}

}  // namespace
}  // namespace xlite
