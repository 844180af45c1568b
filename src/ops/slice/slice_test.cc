// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Slice, SizeMinusOneRunsToEnd) {
  TensorHarness h(OpKind::SLICE);
  h.input(DType::kFloat32, {3, 3}, V{0, 1, 2, 3, 4, 5, 6, 7, 8});
  h.input(DType::kInt32, {2}, std::vector<int32_t>{1, 0}, true);
  h.input(DType::kInt64, {2}, std::vector<int64_t>{-1, 2}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2}));
  EXPECT_EQ(h.values<float>(), (V{3, 4, 6, 7}));
}

TEST(Slice, ZeroSizeAndOutOfRange) {
  TensorHarness h(OpKind::SLICE);
  h.input(DType::kInt8, {3}, std::vector<int8_t>{1, 2, 3});
  h.input(DType::kInt32, {1}, std::vector<int32_t>{3}, true);
  h.input(DType::kInt32, {1}, std::vector<int32_t>{0}, true);
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{0}));

  TensorHarness bad(OpKind::SLICE);
  bad.input(DType::kInt8, {3}, std::vector<int8_t>{1, 2, 3});
  bad.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  bad.input(DType::kInt32, {1}, std::vector<int32_t>{2}, true);
  bad.output(DType::kInt8);
  EXPECT_FALSE(bad.prepare().ok());
}

}  // namespace
}  // namespace xlite
