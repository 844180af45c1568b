// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(SplitV, InfersMinusOne) {
  TensorHarness h(OpKind::SPLIT_V);
  h.attrs().set("num_splits", int64_t{2});
  h.input(DType::kInt8, {1, 4}, std::vector<int8_t>{1, 2, 3, 4});
  h.input(DType::kInt32, {2}, std::vector<int32_t>{1, -1}, true);
  h.input(DType::kInt32, {}, std::vector<int32_t>{1}, true);
  h.output(DType::kInt8);
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(1), (S{1, 3}));
  EXPECT_EQ(h.values<int8_t>(0), (std::vector<int8_t>{1}));
  EXPECT_EQ(h.values<int8_t>(1), (std::vector<int8_t>{2, 3, 4}));
}

TEST(SplitV, ZeroSizePartAndBadSum) {
  TensorHarness h(OpKind::SPLIT_V);
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.input(DType::kInt64, {2}, std::vector<int64_t>{0, 3}, true);
  h.input(DType::kInt32, {}, std::vector<int32_t>{0}, true);
  h.output(DType::kFloat32);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(0), (S{0}));
  EXPECT_EQ(h.values<float>(1), (V{1, 2, 3}));

  TensorHarness bad(OpKind::SPLIT_V);
  bad.input(DType::kFloat32, {3}, V{1, 2, 3});
  bad.input(DType::kInt32, {2}, std::vector<int32_t>{1, 1}, true);
  bad.input(DType::kInt32, {}, std::vector<int32_t>{0}, true);
  bad.output(DType::kFloat32);
  bad.output(DType::kFloat32);
  EXPECT_FALSE(bad.prepare().ok());
}

}  // namespace
}  // namespace xlite
