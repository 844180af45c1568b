// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(BatchToSpaceNd, TwoByTwoBlocks) {
  TensorHarness h(OpKind::BATCH_TO_SPACE_ND);
  h.input(DType::kFloat32, {4, 1, 1, 1}, V{1, 2, 3, 4});
  h.input(DType::kInt32, {2}, std::vector<int32_t>{2, 2}, true);
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{0, 0, 0, 0}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2, 2, 1}));
  EXPECT_EQ(h.values<float>(), (V{1, 2, 3, 4}));
}

TEST(BatchToSpaceNd, CropsUndoPadding) {
  TensorHarness h(OpKind::BATCH_TO_SPACE_ND);
  h.input(DType::kFloat32, {2, 2, 1}, V{0, 2, 1, 0});
  h.input(DType::kInt64, {1}, std::vector<int64_t>{2}, true);
  h.input(DType::kInt64, {1, 2}, std::vector<int64_t>{1, 1}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2, 1}));
  EXPECT_EQ(h.values<float>(), (V{1, 2}));
}

TEST(BatchToSpaceNd, BatchMustDivideAndQuantizationMatch) {
  TensorHarness h(OpKind::BATCH_TO_SPACE_ND);
  h.input(DType::kFloat32, {3, 1, 1}, V{1, 2, 3});
  h.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{0, 0}, true);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());

  TensorHarness q(OpKind::BATCH_TO_SPACE_ND);
  q.input(DType::kInt8, {2, 1, 1}, std::vector<int8_t>{1, 2}, false, 0.5f, 0);
  q.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  q.input(DType::kInt32, {1, 2}, std::vector<int32_t>{0, 0}, true);
  q.output(DType::kInt8, 0.25f, 0);
  EXPECT_FALSE(q.prepare().ok());
}

}  // namespace
}  // namespace xlite
