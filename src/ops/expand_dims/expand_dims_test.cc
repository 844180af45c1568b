// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(ExpandDims, NegativeAxisCountsFromOutputBack) {
  TensorHarness h(OpKind::EXPAND_DIMS);
  h.input(DType::kFloat32, {2, 3}, V{1, 2, 3, 4, 5, 6});
  h.input(DType::kInt32, {1}, std::vector<int32_t>{-1}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 3, 1}));
  EXPECT_EQ(h.values<float>(), (V{1, 2, 3, 4, 5, 6}));
}

TEST(ExpandDims, Int64AxisAtFront) {
  TensorHarness h(OpKind::EXPAND_DIMS);
  h.input(DType::kInt8, {2}, std::vector<int8_t>{7, 8});
  h.input(DType::kInt64, {}, std::vector<int64_t>{0}, true);
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2}));
}

TEST(ExpandDims, AxisOutOfRange) {
  TensorHarness h(OpKind::EXPAND_DIMS);
  h.input(DType::kFloat32, {2, 3}, V(6, 0.0f));
  h.input(DType::kInt32, {1}, std::vector<int32_t>{3}, true);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

TEST(ExpandDims, RunTimeAxisIsNotSupportedYet) {
  TensorHarness h(OpKind::EXPAND_DIMS);
  h.input(DType::kFloat32, {2}, V(2, 0.0f));
  h.input(DType::kInt32, {1}, std::vector<int32_t>{0}, false);
  h.output(DType::kFloat32);
  Status st = h.prepare();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("computed at run time is not supported yet"), std::string::npos);
}

}  // namespace
}  // namespace xlite
