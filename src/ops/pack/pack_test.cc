// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Pack, LastAxisInterleaves) {
  TensorHarness h(OpKind::PACK);
  h.attrs().set("values_count", int64_t{2});
  h.attrs().set("axis", int64_t{-1});
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.input(DType::kFloat32, {3}, V{4, 5, 6});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 2}));
  EXPECT_EQ(h.values<float>(), (V{1, 4, 2, 5, 3, 6}));
}

TEST(Pack, AxisZeroStacks) {
  TensorHarness h(OpKind::PACK);
  h.attrs().set("values_count", int64_t{2});
  h.input(DType::kInt8, {2}, std::vector<int8_t>{1, 2});
  h.input(DType::kInt8, {2}, std::vector<int8_t>{3, 4});
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{1, 2, 3, 4}));
}

TEST(Pack, AxisOutOfRange) {
  TensorHarness h(OpKind::PACK);
  h.attrs().set("values_count", int64_t{1});
  h.attrs().set("axis", int64_t{2});
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
