// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using S = std::vector<int32_t>;

TEST(ArgMax, TiesPickLowestIndex) {
  TensorHarness h(OpKind::ARG_MAX);
  h.input(DType::kFloat32, {2, 3}, std::vector<float>{1, 5, 5, 7, 7, 7});
  h.input(DType::kInt32, {}, std::vector<int32_t>{-1}, true);
  h.output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2}));
  EXPECT_EQ(h.values<int32_t>(), (std::vector<int32_t>{1, 0}));
}

TEST(ArgMax, Int8AlongFirstAxisInt64Output) {
  TensorHarness h(OpKind::ARG_MAX);
  h.input(DType::kInt8, {2, 2}, std::vector<int8_t>{-5, 3, -4, 3});
  h.input(DType::kInt64, {1}, std::vector<int64_t>{0}, true);
  h.output(DType::kInt64);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<int64_t>(), (std::vector<int64_t>{1, 0}));
}

TEST(ArgMax, EmptyAxisAndBadAxis) {
  TensorHarness h(OpKind::ARG_MAX);
  h.input(DType::kFloat32, {2, 0}, std::vector<float>{});
  h.input(DType::kInt32, {}, std::vector<int32_t>{1}, true);
  h.output(DType::kInt32);
  EXPECT_FALSE(h.prepare().ok());

  TensorHarness b(OpKind::ARG_MAX);
  b.input(DType::kFloat32, {2}, std::vector<float>{1, 2});
  b.input(DType::kInt32, {}, std::vector<int32_t>{1}, true);
  b.output(DType::kInt32);
  EXPECT_FALSE(b.prepare().ok());
}

}  // namespace
}  // namespace xlite
