// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>

#include "kernel_harness.h"
#include "ops/div/div_ref.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Div, FloatByZeroClampsToFltMax) {
  KernelHarness h(OpKind::DIV);
  h.input<float>(DType::kFloat32, {4}, {1, -1, 0, 6}).input<float>(DType::kFloat32, {4}, {0, 0, 0, 4});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  const auto o = h.out<float>();
  EXPECT_EQ(o[0], FLT_MAX);
  EXPECT_EQ(o[1], -FLT_MAX);
  EXPECT_TRUE(std::isnan(o[2]));
  EXPECT_EQ(o[3], 1.5f);
}

TEST(Div, Int32TruncatesAndRejectsZero) {
  KernelHarness h(OpKind::DIV);
  h.input<int32_t>(DType::kInt32, {3}, {7, -7, std::numeric_limits<int32_t>::min()})
      .input<int32_t>(DType::kInt32, {3}, {2, 2, -1})
      .output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int32_t>(), (std::vector<int32_t>{3, -3, std::numeric_limits<int32_t>::min()}));

  KernelHarness z(OpKind::DIV);
  z.input<int32_t>(DType::kInt32, {2}, {1, 2}).input<int32_t>(DType::kInt32, {2}, {1, 0}).output(DType::kInt32);
  EXPECT_FALSE(z.run().ok());
}

TEST(Div, ReciprocalIsQ031) {
  int bits;
  // 1 / 1.5 in Q0.31 is 1431655765.3; Newton-Raphson lands within a few ulps.
  EXPECT_NEAR(ref::fixed::reciprocal(3, 31, &bits), 1431655765, 4);
  EXPECT_EQ(bits, 1);
  // x = 2: normalised to exactly 1.0, whose reciprocal saturates near 2^31.
  EXPECT_GT(ref::fixed::reciprocal(2, 31, &bits), 2147483600);
  EXPECT_EQ(bits, 1);
  EXPECT_EQ(ref::fixed::count_leading_sign_bits(0), 31);
  EXPECT_EQ(ref::fixed::count_leading_sign_bits(-1), 31);
  EXPECT_EQ(ref::fixed::count_leading_sign_bits(255), 23);
  EXPECT_EQ(ref::fixed::count_leading_sign_bits(-256), 23);
}

TEST(Div, Int8UnitScales) {
  KernelHarness h(OpKind::DIV);
  h.input<int8_t>(DType::kInt8, {5}, {6, -6, 100, 127, 0}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {5}, {3, 3, 7, -1, 5}, 1.0f, 0)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, -2, 14, -127, 0}));
}

TEST(Div, Int8SaturatesAndBroadcasts) {
  KernelHarness h(OpKind::DIV);
  h.input<int8_t>(DType::kInt8, {2, 2}, {100, -100, 10, -10}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {1}, {2}, 0.25f, 0)
      .output(DType::kInt8, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  // divisor real 0.5: 200 -> 127, -200 -> -128, 20, -20.
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{127, -128, 20, -20}));
}

TEST(Div, QuantizedDivisorAtZeroPointIsAnError) {
  KernelHarness h(OpKind::DIV);
  h.input<uint8_t>(DType::kUInt8, {2}, {10, 10}, 1.0f, 0)
      .input<uint8_t>(DType::kUInt8, {2}, {129, 128}, 1.0f, 128)
      .output(DType::kUInt8, 1.0f, 0);
  EXPECT_FALSE(h.run().ok());
}

TEST(Div, UInt8ZeroPoints) {
  KernelHarness h(OpKind::DIV);
  h.input<uint8_t>(DType::kUInt8, {2}, {140, 116}, 1.0f, 128)
      .input<uint8_t>(DType::kUInt8, {2}, {131, 131}, 1.0f, 128)
      .output(DType::kUInt8, 1.0f, 128);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{132, 124}));
}

}  // namespace
}  // namespace xlite
