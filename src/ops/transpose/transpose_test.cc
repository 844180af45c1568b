// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Transpose, ThreeD) {
  TensorHarness h(OpKind::TRANSPOSE);
  h.input(DType::kFloat32, {2, 1, 3}, V{1, 2, 3, 4, 5, 6});
  h.input(DType::kInt32, {3}, std::vector<int32_t>{2, 0, 1}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 2, 1}));
  EXPECT_EQ(h.values<float>(), (V{1, 4, 2, 5, 3, 6}));
}

TEST(Transpose, Int64ElementsAndPerm) {
  TensorHarness h(OpKind::TRANSPOSE);
  h.input(DType::kInt64, {2, 2}, std::vector<int64_t>{1, 2, 3, 4});
  h.input(DType::kInt64, {2}, std::vector<int64_t>{1, 0}, true);
  h.output(DType::kInt64);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<int64_t>(), (std::vector<int64_t>{1, 3, 2, 4}));
}

TEST(Transpose, RejectsBadPerm) {
  for (std::vector<int32_t> perm : {std::vector<int32_t>{0, 0}, std::vector<int32_t>{-1, 0}, std::vector<int32_t>{0}}) {
    TensorHarness h(OpKind::TRANSPOSE);
    h.input(DType::kFloat32, {2, 2}, V(4, 0.0f));
    h.input(DType::kInt32, {static_cast<int32_t>(perm.size())}, perm, true);
    h.output(DType::kFloat32);
    EXPECT_FALSE(h.prepare().ok());
  }
}

}  // namespace
}  // namespace xlite
