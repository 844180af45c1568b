// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(Minimum, FloatBroadcast) {
  KernelHarness h(OpKind::MINIMUM);
  h.input<float>(DType::kFloat32, {2, 2}, {1, 5, 3, 4}).input<float>(DType::kFloat32, {2}, {3, 2});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1, 2, 3, 2}));
}

TEST(Minimum, NaNFollowsTheComparison) {
  // a < b ? a : b: NaN in the first operand loses, in the second wins.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  KernelHarness h(OpKind::MINIMUM);
  h.input<float>(DType::kFloat32, {2}, {nan, 1}).input<float>(DType::kFloat32, {2}, {1, nan});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  const auto o = h.out<float>();
  EXPECT_EQ(o[0], 1.0f);
  EXPECT_TRUE(std::isnan(o[1]));
}

TEST(Minimum, Int8ComparesStoredValues) {
  KernelHarness h(OpKind::MINIMUM);
  h.input<int8_t>(DType::kInt8, {2, 2}, {-128, 10, 7, -3}, 0.5f, -5)
      .input<int8_t>(DType::kInt8, {2, 1}, {-5, 0}, 0.5f, -5)
      .output(DType::kInt8, 0.5f, -5);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-128, -5, 0, -3}));
}

TEST(Minimum, UInt8Int16Int32Int64) {
  KernelHarness u(OpKind::MINIMUM);
  u.input<uint8_t>(DType::kUInt8, {3}, {0, 200, 128}, 1.0f, 128).input<uint8_t>(DType::kUInt8, {}, {100}, 1.0f, 128);
  u.output(DType::kUInt8, 1.0f, 128);
  ASSERT_TRUE(u.run().ok());
  EXPECT_EQ(u.out<uint8_t>(), (std::vector<uint8_t>{0, 100, 100}));

  KernelHarness s(OpKind::MINIMUM);
  s.input<int16_t>(DType::kInt16, {2}, {-32768, 32767}, 1.0f, 0).input<int16_t>(DType::kInt16, {2}, {0, 0}, 1.0f, 0);
  s.output(DType::kInt16, 1.0f, 0);
  ASSERT_TRUE(s.run().ok());
  EXPECT_EQ(s.out<int16_t>()[0], -32768);

  KernelHarness i(OpKind::MINIMUM);
  i.input<int32_t>(DType::kInt32, {2}, {-7, 7}).input<int32_t>(DType::kInt32, {2}, {7, -7}).output(DType::kInt32);
  ASSERT_TRUE(i.run().ok());
  EXPECT_EQ(i.out<int32_t>(), (std::vector<int32_t>(2, -7)));

  KernelHarness l(OpKind::MINIMUM);
  l.input<int64_t>(DType::kInt64, {1}, {int64_t{1} << 40}).input<int64_t>(DType::kInt64, {1}, {1});
  l.output(DType::kInt64);
  ASSERT_TRUE(l.run().ok());
  EXPECT_EQ(l.out<int64_t>()[0], 1);
}

TEST(Minimum, ZeroSizeDims) {
  KernelHarness h(OpKind::MINIMUM);
  h.input<float>(DType::kFloat32, {3, 0}, {}).input<float>(DType::kFloat32, {1}, {1}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{3, 0}));
}

}  // namespace
}  // namespace xlite
