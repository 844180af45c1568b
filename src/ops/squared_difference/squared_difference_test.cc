// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "kernel_harness.h"

namespace xlite {
namespace {

using testing::KernelHarness;

TEST(SquaredDifference, FloatBroadcast) {
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<float>(DType::kFloat32, {2, 2}, {1, 2, 3, 4}).input<float>(DType::kFloat32, {2}, {3, -1});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{4, 9, 0, 25}));
}

TEST(SquaredDifference, Int32) {
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<int32_t>(DType::kInt32, {3}, {5, -5, 1000}).input<int32_t>(DType::kInt32, {3}, {2, 2, -1000});
  h.output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int32_t>(), (std::vector<int32_t>{9, 49, 4000000}));
}

// Unit input scales: left shift 7 and the multipliers 0.5, 0.5, 2^-12 are
// exact, so (a - b)^2 comes out exactly until it saturates.
TEST(SquaredDifference, Int8ExactAndSaturating) {
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<int8_t>(DType::kInt8, {4}, {5, -5, 100, 3}, 1.0f, 0)
      .input<int8_t>(DType::kInt8, {4}, {2, 2, -100, 3}, 1.0f, 0)
      .output(DType::kInt8, 1.0f, -128);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{-119, -79, 127, -128}));
}

TEST(SquaredDifference, Int8TieRoundsAwayFromZero) {
  // (3 - 0)^2 = 9 on an output scale of 2: 4.5 -> 5.
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<int8_t>(DType::kInt8, {1}, {3}, 1.0f, 0).input<int8_t>(DType::kInt8, {1}, {0}, 1.0f, 0);
  h.output(DType::kInt8, 2.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{5}));
}

TEST(SquaredDifference, UInt8IsNotSupportedYet) {
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<uint8_t>(DType::kUInt8, {1}, {3}, 1.0f, 0).input<uint8_t>(DType::kUInt8, {1}, {0}, 1.0f, 0);
  h.output(DType::kUInt8, 1.0f, 0);
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not supported yet"), std::string::npos);
}

TEST(SquaredDifference, ZeroSizeDims) {
  KernelHarness h(OpKind::SQUARED_DIFFERENCE);
  h.input<float>(DType::kFloat32, {0}, {}).input<float>(DType::kFloat32, {1}, {1}).output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out_tensor().shape, (std::vector<int32_t>{0}));
}

}  // namespace
}  // namespace xlite
