// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(DepthToSpace, TwoByTwoWithTwoChannels) {
  TensorHarness h(OpKind::DEPTH_TO_SPACE);
  h.attrs().set("block_size", int64_t{2});
  h.input(DType::kFloat32, {1, 1, 1, 8}, V{0, 1, 2, 3, 4, 5, 6, 7});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2, 2, 2}));
  EXPECT_EQ(h.values<float>(), (V{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(DepthToSpace, TwoPixelsWide) {
  TensorHarness h(OpKind::DEPTH_TO_SPACE);
  h.attrs().set("block_size", int64_t{2});
  // Pixel 0 holds a..d = 0..3, pixel 1 holds 4..7; one output channel.
  h.input(DType::kInt8, {1, 1, 2, 4}, std::vector<int8_t>{0, 1, 2, 3, 4, 5, 6, 7});
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{1, 2, 4, 1}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{0, 1, 4, 5, 2, 3, 6, 7}));
}

TEST(DepthToSpace, DepthMustDivide) {
  TensorHarness h(OpKind::DEPTH_TO_SPACE);
  h.attrs().set("block_size", int64_t{2});
  h.input(DType::kFloat32, {1, 1, 1, 6}, V(6, 0.0f));
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
