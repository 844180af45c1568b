// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Mul, FloatBroadcastAndRelu) {
  KernelHarness h(OpKind::MUL);
  h.input<float>(DType::kFloat32, {2, 2}, {1, -2, 3, -4})
      .input<float>(DType::kFloat32, {2, 1}, {2, -1})
      .output(DType::kFloat32);
  h.attrs().set("fused_activation_function", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{2, 0, 0, 4}));
}

TEST(Mul, Int32AndInt64Wrap) {
  KernelHarness h(OpKind::MUL);
  h.input<int32_t>(DType::kInt32, {3}, {65536, -7, 6}).input<int32_t>(DType::kInt32, {3}, {65536, 3, 7});
  h.output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int32_t>(), (std::vector<int32_t>{0, -21, 42}));

  KernelHarness l(OpKind::MUL);
  l.input<int64_t>(DType::kInt64, {1}, {int64_t{1} << 40}).input<int64_t>(DType::kInt64, {1}, {3});
  l.output(DType::kInt64);
  ASSERT_TRUE(l.run().ok());
  EXPECT_EQ(l.out<int64_t>(), (std::vector<int64_t>{int64_t{3} << 40}));
}

TEST(Mul, Int8ExactProductAndSaturation) {
  // 0.5 * 0.5 / 0.25 = 1: the product of the offset inputs is the output.
  KernelHarness h(OpKind::MUL);
  h.input<int8_t>(DType::kInt8, {4}, {5, 20, -20, 0}, 0.5f, 0)
      .input<int8_t>(DType::kInt8, {4}, {6, 20, 20, 100}, 0.5f, 0)
      .output(DType::kInt8, 0.25f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{30, 127, -128, 0}));
}

TEST(Mul, Int8RoundingTiesFollowTheDoublingHighMul) {
  // Multiplier 0.5 is applied by SaturatingRoundingDoublingHighMul, whose
  // nudge rounds +1.5 up to 2 but -1.5 toward zero to -1.
  KernelHarness h(OpKind::MUL);
  h.input<int8_t>(DType::kInt8, {3}, {3, -3, 5}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {3}, {1, 1, 1}, 1.0f, 0)
      .output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, -1, 3}));
}

TEST(Mul, UInt8ZeroPoints) {
  KernelHarness h(OpKind::MUL);
  h.input<uint8_t>(DType::kUInt8, {2}, {130, 126}, 1.0f, 128)
      .input<uint8_t>(DType::kUInt8, {1}, {131}, 1.0f, 128)
      .output(DType::kUInt8, 1.0f, 100);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{106, 94}));
}

TEST(Mul, Int16Symmetric) {
  KernelHarness h(OpKind::MUL);
  h.input<int16_t>(DType::kInt16, {3}, {300, -300, 32767}, 1.0f, 0)
      .input<int16_t>(DType::kInt16, {3}, {100, 100, 2}, 1.0f, 0)
      .output(DType::kInt16, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{30000, -30000, 32767}));

  KernelHarness z(OpKind::MUL);
  z.input<int16_t>(DType::kInt16, {1}, {1}, 1.0f, 1).input<int16_t>(DType::kInt16, {1}, {1}, 1.0f, 0);
  z.output(DType::kInt16, 1.0f, 0);
  EXPECT_FALSE(z.run().ok());
}

TEST(Mul, ZeroSizeDims) {
  KernelHarness h(OpKind::MUL);
  h.input<float>(DType::kFloat32, {1, 0}, {}).input<float>(DType::kFloat32, {3, 1}, {1, 2, 3}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{3, 0}));
}

// Outside --reference-kernels int8 MUL runs the vectorised kernel and uint8
// MULs of at least 4096 outputs look up a table built at prepare: every
// pair of codes through them against the reference kernel.
template <typename T>
void check_mul_table(DType dtype, float s1, int z1, float s2, int z2, float so, int zo, int act) {
  std::vector<T> a(256 * 256), b(256);
  for (int x = 0; x < 256; ++x) {
    b[x] = static_cast<T>(x);
    for (int y = 0; y < 256; ++y) a[x * 256 + y] = static_cast<T>(y);
  }
  // Also the same pairs with b at full shape (the unbroadcast loop).
  std::vector<T> b_full(a.size());
  for (size_t i = 0; i < a.size(); ++i) b_full[i] = b[i / 256];
  for (const bool full : {false, true}) {
    std::vector<T> results[2];
    for (int reference = 0; reference < 2; ++reference) {
      KernelHarness h(OpKind::MUL);
      const std::vector<int32_t> b_shape = full ? std::vector<int32_t>{256, 256} : std::vector<int32_t>{256, 1};
      h.template input<T>(dtype, {256, 256}, a, s1, z1)
          .template input<T>(dtype, b_shape, full ? b_full : b, s2, z2)
          .output(dtype, so, zo);
      h.attrs().set("fused_activation_function", int64_t{act});
      h.reference_only(reference == 1);
      ASSERT_TRUE(h.run().ok());
      results[reference] = h.out<T>();
    }
    for (size_t i = 0; i < a.size(); ++i)
      ASSERT_EQ(static_cast<int>(results[0][i]), static_cast<int>(results[1][i]))
          << "a=" << i % 256 << " b=" << i / 256 << (full ? " (same shapes)" : " (broadcast)");
  }
}

TEST(Mul, QuantizedTableMatchesReferenceOnEveryPair) {
  check_mul_table<int8_t>(DType::kInt8, 0.05f, -3, 0.07f, 12, 0.01f, -5, 0);
  check_mul_table<int8_t>(DType::kInt8, 0.02f, 100, 0.5f, -128, 0.3f, 7, 1);
  check_mul_table<int8_t>(DType::kInt8, 1.0f, 0, 1.0f, 0, 128.0f, 0, 3);  // ties
  check_mul_table<uint8_t>(DType::kUInt8, 0.05f, 128, 0.11f, 3, 0.09f, 120, 0);
}

}  // namespace
}  // namespace xlite
