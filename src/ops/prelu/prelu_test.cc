// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Prelu, FloatAlphaPerChannel) {
  KernelHarness h(OpKind::PRELU);
  h.input<float>(DType::kFloat32, {1, 2, 3}, {-1, -2, -3, 4, 0, -6})
      .input<float>(DType::kFloat32, {1, 1, 3}, {0.5f, 0.25f, 2}, 0.0f, 0, /*constant=*/true)
      .output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{-0.5f, -0.5f, -6, 4, 0, -12}));
}

TEST(Prelu, Int8AlphaWithZeroPoint) {
  // x real = q, alpha real = (q - 4) * 0.25, out real = q.
  KernelHarness h(OpKind::PRELU);
  h.input<int8_t>(DType::kInt8, {2, 2}, {-8, 5, -8, -128}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {2}, {6, 8}, 0.25f, 4, true)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  // alphas 0.5, 1: -8 * 0.5 = -4; 5; -4; -128 * 1 = -128.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-4, 5, -4, -128}));
}

TEST(Prelu, Int8NegativeAlphaSaturates) {
  KernelHarness h(OpKind::PRELU);
  h.input<int8_t>(DType::kInt8, {2}, {-100, -3}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {1}, {-8}, 0.25f, 0, true)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{127, 6}));
}

TEST(Prelu, UInt8) {
  KernelHarness h(OpKind::PRELU);
  h.input<uint8_t>(DType::kUInt8, {2}, {120, 140}, 1.0f, 128)
      .input<uint8_t>(DType::kUInt8, {1}, {130}, 0.25f, 128, true)
      .output(DType::kUInt8, 0.5f, 128);
  ASSERT_TRUE(h.run().ok());
  // -8 * 0.5 = -4 -> -8 + 128; 12 -> 24 + 128.
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{120, 152}));
}

TEST(Prelu, AlphaMayNotWidenTheInput) {
  KernelHarness h(OpKind::PRELU);
  h.input<float>(DType::kFloat32, {1, 3}, {1, 2, 3}).input<float>(DType::kFloat32, {2, 1}, {1, 1});
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.run().ok());
}

TEST(Prelu, ZeroSizeDims) {
  KernelHarness h(OpKind::PRELU);
  h.input<float>(DType::kFloat32, {0, 3}, {}).input<float>(DType::kFloat32, {3}, {1, 1, 1}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{0, 3}));
}

}  // namespace
}  // namespace xlite
