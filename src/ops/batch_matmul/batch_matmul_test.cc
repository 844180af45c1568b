// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// lhs [2,1,2] broadcast against rhs [2,1] (one batch): two 1x2 * 2x1.
TEST(BatchMatMul, FloatBroadcastsBatches) {
  OpHarness h(OpKind::BATCH_MATMUL);
  h.input<float>(DType::kFloat32, {2, 1, 2}, {1, 2, 3, 4})
      .constant<float>(DType::kFloat32, {2, 1}, {10, 100})
      .output(DType::kFloat32, {2, 1, 1});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{210, 430}));
}

TEST(BatchMatMul, AdjointsTranspose) {
  OpHarness h(OpKind::BATCH_MATMUL);
  // lhs^T with lhs [2,1] -> [1,2]; rhs^T with rhs [1,2] -> [2,1]
  h.input<float>(DType::kFloat32, {2, 1}, {1, 2})
      .constant<float>(DType::kFloat32, {1, 2}, {3, 4})
      .output(DType::kFloat32, {1, 1})
      .attr("adj_x", true)
      .attr("adj_y", true);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{11}));
}

TEST(BatchMatMul, MismatchedContractionIsAnError) {
  OpHarness h(OpKind::BATCH_MATMUL);
  h.input<float>(DType::kFloat32, {1, 3}, {1, 2, 3}).constant<float>(DType::kFloat32, {2, 1}, {1, 1}).output(
      DType::kFloat32, {1, 1});
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
