// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Add, FloatBroadcastsARowOverAMatrix) {
  KernelHarness h(OpKind::ADD);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .input<float>(DType::kFloat32, {3}, {10, 20, 30})
      .output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(h.out<float>(), (std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST(Add, FloatFusedRelu6) {
  KernelHarness h(OpKind::ADD);
  h.input<float>(DType::kFloat32, {4}, {-3, 1, 5, 2})
      .input<float>(DType::kFloat32, {4}, {1, 1, 5, 0.5f})
      .output(DType::kFloat32);
  h.attrs().set("fused_activation_function", int64_t{3});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 2, 6, 2.5f}));
}

TEST(Add, FloatOverflowClampsToFltMaxLikeTflite) {
  // ActivationFunctionWithMinMax clamps to [lowest, max] even with no
  // activation, so inf becomes FLT_MAX; NaN passes through.
  KernelHarness h(OpKind::ADD);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  h.input<float>(DType::kFloat32, {3}, {3e38f, -3e38f, nan})
      .input<float>(DType::kFloat32, {3}, {3e38f, -3e38f, 1})
      .output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  const auto o = h.out<float>();
  EXPECT_EQ(o[0], FLT_MAX);
  EXPECT_EQ(o[1], -FLT_MAX);
  EXPECT_TRUE(std::isnan(o[2]));
}

TEST(Add, Int32ReluAndWrapping) {
  KernelHarness h(OpKind::ADD);
  h.input<int32_t>(DType::kInt32, {3}, {std::numeric_limits<int32_t>::max(), -5, 7})
      .input<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int32_t>(), (std::vector<int32_t>{std::numeric_limits<int32_t>::min(), -4, 8}));

  KernelHarness r(OpKind::ADD);
  r.input<int32_t>(DType::kInt32, {2}, {-5, 7}).input<int32_t>(DType::kInt32, {2}, {1, 1}).output(DType::kInt32);
  r.attrs().set("fused_activation_function", int64_t{1});
  ASSERT_TRUE(r.run().ok());
  EXPECT_EQ(r.out<int32_t>(), (std::vector<int32_t>{0, 8}));
}

// Scales 1, 1 -> 1: the add-style multipliers are exact powers of two
// (0.5 each input, 2^-19 out), so the result is the integer sum.
TEST(Add, Int8UnitScalesAddExactlyAndSaturate) {
  KernelHarness h(OpKind::ADD);
  h.input<int8_t>(DType::kInt8, {4}, {3, -3, 100, -100}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {4}, {4, -4, 100, -100}, 1.0f, 0)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{7, -7, 127, -128}));
}

TEST(Add, Int8RoundingTiesGoAwayFromZero) {
  // Output scale 2: 7 / 2 = 3.5 -> 4 and -3.5 -> -4 (RoundingDivideByPOT).
  KernelHarness h(OpKind::ADD);
  h.input<int8_t>(DType::kInt8, {3}, {3, -3, 1}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {3}, {4, -4, 0}, 1.0f, 0)
      .output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{4, -4, 1}));
}

TEST(Add, Int8ZeroPointsBroadcastAndRelu) {
  // Real values: a = q - 10, b = q + 5, out = (q - 20) * 1.
  KernelHarness h(OpKind::ADD);
  h.input<int8_t>(DType::kInt8, {2, 2}, {10, 13, 0, 20}, 1.0f, 10)
      .input<int8_t>(DType::kInt8, {2}, {-5, -7}, 1.0f, -5)
      .output(DType::kInt8, 1.0f, 20);
  h.attrs().set("fused_activation_function", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  // reals: 0+0, 3-2, -10+0, 10-2 -> relu -> 0, 1, 0, 8; + 20.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{20, 21, 20, 28}));
}

TEST(Add, UInt8) {
  KernelHarness h(OpKind::ADD);
  h.input<uint8_t>(DType::kUInt8, {3}, {128, 200, 0}, 0.5f, 128)
      .input<uint8_t>(DType::kUInt8, {3}, {130, 255, 0}, 0.5f, 128)
      .output(DType::kUInt8, 1.0f, 128);
  ASSERT_TRUE(h.run().ok());
  // reals: 0 + 1 = 1, 36 + 63.5 = 99.5 -> 100 (tie away), -64 - 64 = -128 -> 0.
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{129, 228, 0}));
}

TEST(Add, Int16GeneralScalesSaturate) {
  KernelHarness h(OpKind::ADD);
  h.input<int16_t>(DType::kInt16, {3}, {30000, -30000, 123}, 1.0f, 0)
      .input<int16_t>(DType::kInt16, {3}, {10000, -10000, -23}, 1.0f, 0)
      .output(DType::kInt16, 1.0f, 0);
  h.attrs().set("pot_scale_int16", false);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{32767, -32768, 100}));
}

TEST(Add, Int16PowerOfTwoScalesShiftOneInput) {
  // Input 2 at half the output scale: 5 * 0.5 = 2.5 rounds away to 3.
  KernelHarness h(OpKind::ADD);
  h.input<int16_t>(DType::kInt16, {3}, {3, -3, 32767}, 1.0f, 0)
      .input<int16_t>(DType::kInt16, {3}, {5, -5, 4}, 0.5f, 0)
      .output(DType::kInt16, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{6, -6, 32767}));
}

TEST(Add, Int16NeedsZeroZeroPoints) {
  KernelHarness h(OpKind::ADD);
  h.input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 3).input<int16_t>(DType::kInt16, {1}, {0}, 1.0f, 0);
  h.output(DType::kInt16, 1.0f, 0);
  EXPECT_FALSE(h.run().ok());
}

TEST(Add, ZeroSizeDims) {
  KernelHarness h(OpKind::ADD);
  h.input<float>(DType::kFloat32, {0, 3}, {}).input<float>(DType::kFloat32, {3}, {1, 2, 3}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{0, 3}));
  EXPECT_TRUE(h.out<float>().empty());
}

TEST(Add, RejectsMixedDtypesAndBadShapes) {
  KernelHarness mixed(OpKind::ADD);
  mixed.input<float>(DType::kFloat32, {1}, {1}).input<int32_t>(DType::kInt32, {1}, {1}).output(DType::kFloat32);
  EXPECT_FALSE(mixed.run().ok());
  KernelHarness shapes(OpKind::ADD);
  shapes.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .input<float>(DType::kFloat32, {2}, {1, 2})
      .output(DType::kFloat32);
  EXPECT_FALSE(shapes.run().ok());
}

TEST(Add, UnsupportedDtypeSaysNotSupportedYet) {
  KernelHarness h(OpKind::ADD);
  h.input<uint8_t>(DType::kBool, {1}, {1}).input<uint8_t>(DType::kBool, {1}, {0}).output(DType::kBool);
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not supported yet"), std::string::npos) << st.message();
}

// int8/uint8 ADDs of at least 4096 outputs look up a table built at
// prepare. Every pair of codes (a [256, 256] + [256, 1] broadcast) through
// the table against the reference kernel (reference_only), for several
// scales, zero points and activations.
template <typename T>
void check_table_matches_reference(DType dtype, float s1, int z1, float s2, int z2, float so, int zo, int act) {
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
      KernelHarness h(OpKind::ADD);
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

TEST(Add, QuantizedTableMatchesReferenceOnEveryPair) {
  check_table_matches_reference<int8_t>(DType::kInt8, 0.05f, -3, 0.07f, 12, 0.1f, -5, 0);
  check_table_matches_reference<int8_t>(DType::kInt8, 0.02f, 100, 0.02f, -128, 0.013f, 7, 1);
  check_table_matches_reference<int8_t>(DType::kInt8, 1.0f, 0, 1.0f, 0, 2.0f, 0, 3);  // ties
  check_table_matches_reference<uint8_t>(DType::kUInt8, 0.05f, 128, 0.11f, 3, 0.09f, 120, 0);
  check_table_matches_reference<uint8_t>(DType::kUInt8, 0.5f, 0, 0.25f, 255, 0.3f, 10, 3);
}

}  // namespace
}  // namespace xlite
