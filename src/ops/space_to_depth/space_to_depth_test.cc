// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using S = std::vector<int32_t>;

TEST(SpaceToDepth, InverseOfDepthToSpace) {
  TensorHarness h(OpKind::SPACE_TO_DEPTH);
  h.attrs().set("block_size", int64_t{2});
  h.input(DType::kInt8, {1, 2, 4, 1}, std::vector<int8_t>{0, 1, 4, 5, 2, 3, 6, 7});
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 1, 2, 4}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(SpaceToDepth, SizesMustDivideAndBlockPositive) {
  TensorHarness h(OpKind::SPACE_TO_DEPTH);
  h.attrs().set("block_size", int64_t{2});
  h.input(DType::kFloat32, {1, 3, 2, 1}, std::vector<float>(6, 0.0f));
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());

  TensorHarness z(OpKind::SPACE_TO_DEPTH);
  z.attrs().set("block_size", int64_t{0});
  z.input(DType::kFloat32, {1, 2, 2, 1}, std::vector<float>(4, 0.0f));
  z.output(DType::kFloat32);
  EXPECT_FALSE(z.prepare().ok());
}

}  // namespace
}  // namespace xlite
