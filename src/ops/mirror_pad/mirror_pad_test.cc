// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;
using I8 = std::vector<int8_t>;

TEST(MirrorPad, Reflect) {
  TensorHarness h(OpKind::MIRROR_PAD);
  h.attrs().set("mode", int64_t{0});
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{2, 2}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<float>(), (V{3, 2, 1, 2, 3, 2, 1}));
}

TEST(MirrorPad, Symmetric2D) {
  TensorHarness h(OpKind::MIRROR_PAD);
  h.attrs().set("mode", int64_t{1});
  h.input(DType::kInt8, {2, 2}, I8{1, 2, 3, 4});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{1, 0, 0, 2}, true);
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 4}));
  EXPECT_EQ(h.values<int8_t>(), (I8{1, 2, 2, 1, 1, 2, 2, 1, 3, 4, 4, 3}));
}

TEST(MirrorPad, ReflectPaddingMustBeSmallerThanDim) {
  TensorHarness h(OpKind::MIRROR_PAD);
  h.input(DType::kFloat32, {3}, V{1, 2, 3});
  h.input(DType::kInt32, {1, 2}, std::vector<int32_t>{3, 0}, true);
  h.output(DType::kFloat32);
  EXPECT_FALSE(h.prepare().ok());
}

}  // namespace
}  // namespace xlite
