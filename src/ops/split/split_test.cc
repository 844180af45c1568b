// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Split, NegativeAxisEqualParts) {
  TensorHarness h(OpKind::SPLIT);
  h.attrs().set("num_splits", int64_t{2});
  h.input(DType::kInt32, {}, std::vector<int32_t>{-1}, true);
  h.input(DType::kFloat32, {2, 4}, V{1, 2, 3, 4, 5, 6, 7, 8});
  h.output(DType::kFloat32);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(0), (S{2, 2}));
  EXPECT_EQ(h.values<float>(0), (V{1, 2, 5, 6}));
  EXPECT_EQ(h.values<float>(1), (V{3, 4, 7, 8}));
}

TEST(Split, UnevenIsAnError) {
  TensorHarness h(OpKind::SPLIT);
  h.attrs().set("num_splits", int64_t{2});
  h.input(DType::kInt32, {}, std::vector<int32_t>{0}, true);
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.output(DType::kFloat32);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
