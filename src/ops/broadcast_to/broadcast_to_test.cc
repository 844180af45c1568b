// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(BroadcastTo, RankUpAndOnes) {
  TensorHarness h(OpKind::BROADCAST_TO);
  h.input(DType::kFloat32, {2, 1}, V{1, 2});
  h.input(DType::kInt32, {3}, std::vector<int32_t>{2, 2, 3}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2, 3}));
  EXPECT_EQ(h.values<float>(), (V{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
}

TEST(BroadcastTo, Incompatible) {
  TensorHarness h(OpKind::BROADCAST_TO);
  h.input(DType::kFloat32, {2}, V{1, 2});
  h.input(DType::kInt32, {1}, std::vector<int32_t>{3}, true);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
