// SPDX-License-Identifier: Apache-2.0
// The comparison ops share common/comparison.h; these cases cover it.
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(Comparison, FloatBroadcasts) {
  OpHarness h(OpKind::LESS);
  h.input<float>(DType::kFloat32, {2, 2}, {1, 5, 3, 0}).constant<float>(DType::kFloat32, {2}, {2, 2}).output(
      DType::kBool, {2, 2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<uint8_t>(), (std::vector<uint8_t>{1, 0, 0, 1}));
}

// Different quantization: 10 * 0.1 = 1.0 on the left, 4 * 0.25 = 1.0 on the
// right, so EQUAL holds although the stored values differ.
TEST(Comparison, Int8ComparesRealValues) {
  OpHarness eq(OpKind::EQUAL);
  eq.input<int8_t>(DType::kInt8, {3}, {10, 11, 9}, 0.1f, 0)
      .constant<int8_t>(DType::kInt8, {1}, {4}, 0.25f, 0)
      .output(DType::kBool, {3});
  ASSERT_TRUE(eq.run().ok()) << eq.run().message();
  EXPECT_EQ(eq.out<uint8_t>(), (std::vector<uint8_t>{1, 0, 0}));
  OpHarness gt(OpKind::GREATER);
  gt.input<int8_t>(DType::kInt8, {3}, {10, 11, 9}, 0.1f, 0)
      .constant<int8_t>(DType::kInt8, {1}, {4}, 0.25f, 0)
      .output(DType::kBool, {3});
  ASSERT_TRUE(gt.run().ok());
  EXPECT_EQ(gt.out<uint8_t>(), (std::vector<uint8_t>{0, 1, 0}));
}

TEST(Comparison, MismatchedTypesAreAnError) {
  OpHarness h(OpKind::NOT_EQUAL);
  h.input<float>(DType::kFloat32, {1}, {1}).constant<int32_t>(DType::kInt32, {1}, {1}).output(DType::kBool, {1});
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
