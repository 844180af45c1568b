// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Relu6, Float) {
  KernelHarness h(OpKind::RELU6);
  h.input<float>(DType::kFloat32, {4}, {-2, 0.5f, 6, 7}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 0.5f, 6, 6}));
}

TEST(Relu6, FloatNaNBecomesZero) {
  // std::min(std::max(0.f, x), 6.f) as in TFLite's Relu6Eval.
  KernelHarness h(OpKind::RELU6);
  h.input<float>(DType::kFloat32, {}, {std::numeric_limits<float>::quiet_NaN()}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0}));
}

TEST(Relu6, UpperBoundIsQuantizedOnTheOutputScale) {
  // out scale 0.05: 6 -> q 120. Input real 7 (q 70 at 0.1) caps at 120.
  KernelHarness h(OpKind::RELU6);
  h.input<int8_t>(DType::kInt8, {3}, {70, 30, -30}, 0.1f, 0).output(DType::kInt8, 0.05f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{120, 60, 0}));
}

TEST(Relu6, Int16Symmetric) {
  KernelHarness h(OpKind::RELU6);
  h.input<int16_t>(DType::kInt16, {3}, {-100, 1000, 32767}, 0.001f, 0).output(DType::kInt16, 0.001f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{0, 1000, 6000}));
}

}  // namespace
}  // namespace xlite
