// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Tile, RepeatsEachDimension) {
  TensorHarness h(OpKind::TILE);
  h.input(DType::kInt8, {2, 1}, std::vector<int8_t>{1, 2});
  h.input(DType::kInt32, {2}, std::vector<int32_t>{2, 3}, true);
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{4, 3}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
}

TEST(Tile, ZeroMultipleAndNegative) {
  TensorHarness h(OpKind::TILE);
  h.input(DType::kFloat32, {2}, V{1, 2});
  h.input(DType::kInt64, {1}, std::vector<int64_t>{0}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{0}));

  TensorHarness bad(OpKind::TILE);
  bad.input(DType::kFloat32, {2}, V{1, 2});
  bad.input(DType::kInt32, {1}, std::vector<int32_t>{-1}, true);
  bad.output(DType::kFloat32);
  EXPECT_FALSE(bad.prepare().ok());
}

}  // namespace
}  // namespace xlite
