// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Squeeze, AllOnesWhenNoDimsGiven) {
  TensorHarness h(OpKind::SQUEEZE);
  h.input(DType::kFloat32, {1, 3, 1, 2}, V{1, 2, 3, 4, 5, 6});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 2}));
  EXPECT_EQ(h.values<float>(), (V{1, 2, 3, 4, 5, 6}));
}

TEST(Squeeze, NegativeDim) {
  TensorHarness h(OpKind::SQUEEZE);
  h.attrs().set("squeeze_dims", std::vector<int64_t>{-2});
  h.input(DType::kFloat32, {1, 3, 1, 2}, V(6, 0.0f));
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 3, 2}));
}

TEST(Squeeze, RejectsDimThatIsNotOne) {
  TensorHarness h(OpKind::SQUEEZE);
  h.attrs().set("squeeze_dims", std::vector<int64_t>{1});
  h.input(DType::kFloat32, {1, 3}, V(3, 0.0f));
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

TEST(Squeeze, ZeroSizeKeepsZeroDim) {
  TensorHarness h(OpKind::SQUEEZE);
  h.input(DType::kInt8, {0, 1}, std::vector<int8_t>{});
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{0}));
}

}  // namespace
}  // namespace xlite
