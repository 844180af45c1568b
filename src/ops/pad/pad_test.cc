// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;
using I8 = std::vector<int8_t>;

TEST(Pad, FloatPadsWithZero) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kFloat32, {2, 2}, V{1, 2, 3, 4});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{1, 0, 0, 1}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{3, 3}));
  EXPECT_EQ(h.values<float>(), (V{0, 0, 0, 1, 2, 0, 3, 4, 0}));
}

TEST(Pad, Int8PadsWithOutputZeroPoint) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kInt8, {2}, I8{10, -20}, false, 0.5f, -3);
  h.input(DType::kInt64, {1, 2}, std::vector<int64_t>{1, 2}, true);
  h.output(DType::kInt8, 0.5f, -3);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.values<int8_t>(), (I8{-3, 10, -20, -3, -3}));
}

TEST(Pad, ZeroSizeInputIsAllPadding) {
  TensorHarness h(OpKind::PAD);
  h.input(DType::kFloat32, {0, 2}, V{});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{1, 1, 0, 0}, true);
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2}));
  EXPECT_EQ(h.values<float>(), (V{0, 0, 0, 0}));
}

TEST(Pad, RejectsNegativePaddingAndRunTimePaddings) {
  TensorHarness neg(OpKind::PAD);
  neg.input(DType::kFloat32, {2}, V{1, 2});
  neg.input(DType::kInt32, {1, 2}, std::vector<int32_t>{-1, 0}, true);
  neg.output(DType::kFloat32);
  EXPECT_FALSE(neg.prepare().ok());

  TensorHarness dyn(OpKind::PAD);
  dyn.input(DType::kFloat32, {2}, V{1, 2});
  dyn.input(DType::kInt32, {1, 2}, std::vector<int32_t>{1, 0}, false);
  dyn.output(DType::kFloat32);
  EXPECT_NE(dyn.prepare().message().find("computed at run time is not supported yet"), std::string::npos);
}

}  // namespace
}  // namespace xlite
