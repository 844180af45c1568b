// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Unpack, NegativeAxis) {
  TensorHarness h(OpKind::UNPACK);
  h.attrs().set("num", int64_t{3});
  h.attrs().set("axis", int64_t{-1});
  h.input(DType::kFloat32, {2, 3}, V{1, 2, 3, 4, 5, 6});
  for (int i = 0; i < 3; ++i) h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(0), (S{2}));
  EXPECT_EQ(h.values<float>(0), (V{1, 4}));
  EXPECT_EQ(h.values<float>(2), (V{3, 6}));
}

TEST(Unpack, CountMustMatchDim) {
  TensorHarness h(OpKind::UNPACK);
  h.attrs().set("num", int64_t{2});
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.output(DType::kFloat32);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
