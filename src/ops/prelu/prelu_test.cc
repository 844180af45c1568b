// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <random>

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

// The per-channel float path against the reference walk: shapes with
// channel counts off any vector width, 1 and 2 threads, NaN kept.
TEST(Prelu, FloatPerChannelPathMatchesReference) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-4.0f, 4.0f);
  const std::vector<std::vector<int32_t>> shapes = {{1, 1, 1, 1}, {1, 3, 5, 7}, {2, 9, 4, 16}, {1, 64, 64, 33},
                                                    {1, 300, 257}, {5}};
  for (const auto& shape : shapes)
    for (int threads : {1, 2}) {
      const int32_t c = shape.back();
      int64_t n = 1;
      for (int32_t d : shape) n *= d;
      std::vector<float> x(static_cast<size_t>(n)), a(static_cast<size_t>(c));
      for (float& v : x) v = u(rng);
      for (float& v : a) v = u(rng);
      x[0] = std::numeric_limits<float>::quiet_NaN();
      std::vector<int32_t> ashape(shape.size(), 1);
      ashape.back() = c;
      std::vector<float> got[2];
      for (int reference = 0; reference < 2; ++reference) {
        KernelHarness h(OpKind::PRELU);
        h.input<float>(DType::kFloat32, shape, x)
            .input<float>(DType::kFloat32, ashape, a, 0.0f, 0, /*constant=*/true)
            .output(DType::kFloat32);
        h.reference_only(reference == 1).threads(threads);
        ASSERT_TRUE(h.run().ok());
        got[reference] = h.out<float>();
      }
      ASSERT_EQ(got[0].size(), got[1].size());
      for (size_t i = 0; i < got[0].size(); ++i) {
        uint32_t b0, b1;
        std::memcpy(&b0, &got[0][i], 4);
        std::memcpy(&b1, &got[1][i], 4);
        ASSERT_EQ(b0, b1) << "element " << i << " of a " << n << "-element input, " << threads << " threads";
      }
    }
}

}  // namespace
}  // namespace xlite
