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

// Scales 0.5 x 0.25 / 1: real 0.125 = 2^30 * 2^(-2 - 31), whose 16-bit
// reduction is 2^14, so out = (acc * 2^14 + 2^16) >> 17: acc / 8 rounded
// half toward +infinity.
TEST(BatchMatMul, Int16RoundsTiesUp) {
  OpHarness h(OpKind::BATCH_MATMUL);
  h.input<int16_t>(DType::kInt16, {2, 1, 2}, {1000, -3, -1000, 3}, 0.5f, 0)
      .constant<int16_t>(DType::kInt16, {2, 1}, {7, 4}, 0.25f, 0)
      .output(DType::kInt16, {2, 1, 1}, 1.0f, 0);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // 6988 / 8 = 873.5 -> 874; -873.5 -> -873.
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{874, -873}));
}

// Three products of 32767^2 sum past int32 (the accumulator is int64) and
// the result saturates; with adj_x the lhs is read transposed.
TEST(BatchMatMul, Int16AccumulatesInInt64AndSaturates) {
  OpHarness h(OpKind::BATCH_MATMUL);
  h.input<int16_t>(DType::kInt16, {3, 2}, {32767, -32768, 32767, -32768, 32767, -32768}, 1.0f, 0)
      .constant<int16_t>(DType::kInt16, {3, 1}, {32767, 32767, 32767}, 1.0f, 0)
      .output(DType::kInt16, {2, 1}, 65536.0f, 0)
      .attr("adj_x", true);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  // 3 * 32767^2 / 65536 = 49149.0 -> 32767; 3 * -32768 * 32767 / 65536 = -49150.5 -> -32768.
  EXPECT_EQ(h.out<int16_t>(), (std::vector<int16_t>{32767, -32768}));
}

TEST(BatchMatMul, Int16NeedsZeroPointsOfZero) {
  OpHarness h(OpKind::BATCH_MATMUL);
  h.input<int16_t>(DType::kInt16, {1, 1}, {1}, 1.0f, 1)
      .constant<int16_t>(DType::kInt16, {1, 1}, {1}, 1.0f, 0)
      .output(DType::kInt16, {1, 1}, 1.0f, 0);
  EXPECT_FALSE(h.run().ok());
}

}  // namespace
}  // namespace xlite
