// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(SpaceToBatchNd, TwoByTwoBlocks) {
  TensorHarness h(OpKind::SPACE_TO_BATCH_ND);
  h.input(DType::kFloat32, {1, 2, 2, 1}, V{1, 2, 3, 4});
  h.input(DType::kInt32, {2}, std::vector<int32_t>{2, 2}, true);
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{0, 0, 0, 0}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{4, 1, 1, 1}));
  EXPECT_EQ(h.values<float>(), (V{1, 2, 3, 4}));
}

TEST(SpaceToBatchNd, PadsInt8WithZeroPoint) {
  // Padded row: [zp, 1, 2, zp]; block 2 -> batch 0 takes positions 0, 2 and
  // batch 1 positions 1, 3.
  TensorHarness h(OpKind::SPACE_TO_BATCH_ND);
  h.input(DType::kInt8, {1, 2, 1}, std::vector<int8_t>{1, 2}, false, 0.5f, 5);
  h.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{1, 1}, true);
  h.output(DType::kInt8, 0.5f, 5);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2, 1}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{5, 2, 1, 5}));
}

TEST(SpaceToBatchNd, PaddedSizeMustDivide) {
  TensorHarness h(OpKind::SPACE_TO_BATCH_ND);
  h.input(DType::kFloat32, {1, 3, 1}, V{1, 2, 3});
  h.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{0, 0}, true);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
