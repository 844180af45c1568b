// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Relu, Float) {
  KernelHarness h(OpKind::RELU);
  h.input<float>(DType::kFloat32, {5}, {-2, -0.5f, 0, 3, 100}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 0, 0, 3, 100}));
}

TEST(Relu, FloatKeepsNaN) {
  KernelHarness h(OpKind::RELU);
  h.input<float>(DType::kFloat32, {1}, {std::numeric_limits<float>::quiet_NaN()}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_TRUE(std::isnan(h.out<float>()[0]));
}

TEST(Relu, Int8RequantizesThenClamps) {
  // in 0.5, out 0.25 (multiplier 2); out zero point -128 is real 0.
  KernelHarness h(OpKind::RELU);
  h.input<int8_t>(DType::kInt8, {5}, {3, -3, 0, 60, 127}, 0.5f, 0).output(DType::kInt8, 0.25f, -128);
  ASSERT_TRUE(h.run().ok());
  // 127 is real 63.5, exactly q 254 - 128 = 126 on the output.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-122, -128, -128, -8, 126}));
}

TEST(Relu, Int8RoundingTieAndSaturation) {
  // Multiplier 0.5 via the doubling high mul: 3 -> 1.5 -> 2. Multiplier 4
  // pushes 40 to 160 -> 127.
  KernelHarness h(OpKind::RELU);
  h.input<int8_t>(DType::kInt8, {2}, {3, 5}, 1.0f, 0).output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, 3}));
  KernelHarness s(OpKind::RELU);
  s.input<int8_t>(DType::kInt8, {2}, {40, 20}, 1.0f, 0).output(DType::kInt8, 0.25f, 0);
  ASSERT_TRUE(s.run().ok());
  EXPECT_EQ(s.out<int8_t>(), (std::vector<int8_t>{127, 80}));
}

TEST(Relu, UInt8AndInt16) {
  KernelHarness u(OpKind::RELU);
  u.input<uint8_t>(DType::kUInt8, {3}, {0, 128, 255}, 1.0f, 128).output(DType::kUInt8, 1.0f, 0);
  ASSERT_TRUE(u.run().ok());
  EXPECT_EQ(u.out<uint8_t>(), (std::vector<uint8_t>{0, 0, 127}));

  KernelHarness s(OpKind::RELU);
  s.input<int16_t>(DType::kInt16, {2}, {-100, 30000}, 1.0f, 0).output(DType::kInt16, 1.0f, 0);
  ASSERT_TRUE(s.run().ok());
  EXPECT_EQ(s.out<int16_t>(), (std::vector<int16_t>{0, 30000}));

  KernelHarness z(OpKind::RELU);
  z.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 2).output(DType::kInt16, 1.0f, 0);
  EXPECT_FALSE(z.run().ok());
}

TEST(Relu, ZeroSizeDims) {
  KernelHarness h(OpKind::RELU);
  h.input<float>(DType::kFloat32, {2, 0}, {}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{2, 0}));
}

}  // namespace
}  // namespace xlite
