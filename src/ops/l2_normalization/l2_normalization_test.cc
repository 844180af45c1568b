// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(L2Normalization, FloatUnitRows) {
  OpHarness h(OpKind::L2_NORMALIZATION);
  h.input<float>(DType::kFloat32, {2, 2}, {3, 4, 0, 0}).output(DType::kFloat32, {2, 2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // A zero row stays zero: the norm is floored at 1e-6, not divided by 0.
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0.6f, 0.8f, 0, 0}));
}

TEST(L2Normalization, Int8) {
  OpHarness h(OpKind::L2_NORMALIZATION);
  h.input<int8_t>(DType::kInt8, {1, 2}, {3, 4}, 0.5f, 0).output(DType::kInt8, {1, 2}, 1.0f / 128, 0);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{77, 102}));
}

}  // namespace
}  // namespace xlite
