// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ops/cast/cast_ref.h"
#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;

template <typename From, typename To>
std::vector<To> cast(DType from, DType to, const std::vector<From>& v) {
  TensorHarness h(OpKind::CAST);
  h.input(from, {static_cast<int32_t>(v.size())}, v);
  h.output(to);
  EXPECT_TRUE(h.run().ok());
  return h.values<To>();
}

TEST(Cast, FloatToIntTruncatesTowardZero) {
  EXPECT_EQ((cast<float, int32_t>(DType::kFloat32, DType::kInt32, {-1.7f, 2.9f, 0.5f, -0.5f})),
            (std::vector<int32_t>{-1, 2, 0, 0}));
}

TEST(Cast, FloatToIntSaturatesOutOfRange) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ((cast<float, int8_t>(DType::kFloat32, DType::kInt8, {300.0f, -1e9f, nan})),
            (std::vector<int8_t>{127, -128, 0}));
  EXPECT_EQ((cast<float, int64_t>(DType::kFloat32, DType::kInt64, {1e30f})),
            (std::vector<int64_t>{std::numeric_limits<int64_t>::max()}));
}

TEST(Cast, IntegersWrapLikeStaticCast) {
  EXPECT_EQ((cast<uint8_t, int8_t>(DType::kUInt8, DType::kInt8, {200, 5})), (std::vector<int8_t>{-56, 5}));
  EXPECT_EQ((cast<int64_t, int32_t>(DType::kInt64, DType::kInt32, {int64_t{1} << 32 | 7})), (std::vector<int32_t>{7}));
}

TEST(Cast, BoolBothWays) {
  EXPECT_EQ((cast<float, uint8_t>(DType::kFloat32, DType::kBool, {0.0f, -0.0f, 0.25f, -3.0f})),
            (std::vector<uint8_t>{0, 0, 1, 1}));
  EXPECT_EQ((cast<uint8_t, int32_t>(DType::kBool, DType::kInt32, {1, 0})), (std::vector<int32_t>{1, 0}));
}

TEST(Cast, Float16RoundsToNearestEven) {
  EXPECT_EQ(ref::float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(ref::float_to_half(-2.0f), 0xC000);
  EXPECT_EQ(ref::float_to_half(65504.0f), 0x7BFF);
  EXPECT_EQ(ref::float_to_half(65520.0f), 0x7C00);                    // rounds up to inf
  EXPECT_EQ(ref::float_to_half(1.0f + std::ldexp(1.0f, -11)), 0x3C00);  // tie -> even
  EXPECT_EQ(ref::float_to_half(std::ldexp(1.0f, -24)), 0x0001);       // smallest subnormal
  EXPECT_EQ(ref::float_to_half(std::ldexp(1.0f, -25)), 0x0000);       // tie -> even (zero)
  EXPECT_EQ(ref::half_to_float(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(ref::half_to_float(0x3555), 0.333251953125f);
  EXPECT_TRUE(std::isinf(ref::half_to_float(0xFC00)));
  EXPECT_EQ((cast<uint16_t, int32_t>(DType::kFloat16, DType::kInt32, {0x4500})), (std::vector<int32_t>{5}));
  EXPECT_EQ((cast<int32_t, uint16_t>(DType::kInt32, DType::kFloat16, {-3})), (std::vector<uint16_t>{0xC200}));
}

TEST(Cast, IntToFloat) {
  EXPECT_EQ((cast<int32_t, float>(DType::kInt32, DType::kFloat32, {-4, 16777217})),
            (std::vector<float>{-4.0f, 16777216.0f}));
}

TEST(Cast, UnsupportedTypes) {
  TensorHarness h(OpKind::CAST);
  h.input(DType::kFloat32, {1}, std::vector<float>{1});
  h.output(DType::kString);
  EXPECT_NE(h.prepare().message().find("not supported yet"), std::string::npos);
}

}  // namespace
}  // namespace xlite
