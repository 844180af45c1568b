// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;
using V = std::vector<float>;
using S = std::vector<int32_t>;

TEST(Gather, NegativeAxisWithMatrixIndices) {
  TensorHarness h(OpKind::GATHER);
  h.attrs().set("axis", int64_t{-1});
  h.input(DType::kFloat32, {2, 3}, V{0, 1, 2, 10, 11, 12});
  h.input(DType::kInt32, {2, 2}, std::vector<int32_t>{2, 0, 1, 1});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 2, 2}));
  EXPECT_EQ(h.values<float>(), (V{2, 0, 1, 1, 12, 10, 11, 11}));
}

TEST(Gather, BatchDimsWithInt64Indices) {
  TensorHarness h(OpKind::GATHER);
  h.attrs().set("axis", int64_t{1});
  h.attrs().set("batch_dims", int64_t{-1});
  h.input(DType::kInt8, {2, 3}, std::vector<int8_t>{0, 1, 2, 10, 11, 12});
  h.input(DType::kInt64, {2, 1}, std::vector<int64_t>{2, 0});
  h.output(DType::kInt8);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{2, 1}));
  EXPECT_EQ(h.values<int8_t>(), (std::vector<int8_t>{2, 10}));
}

TEST(Gather, OutOfRangeIndexIsAnErrorNotARead) {
  for (int32_t bad : {3, -1}) {
    TensorHarness h(OpKind::GATHER);
    h.input(DType::kFloat32, {3}, V{1, 2, 3});
    h.input(DType::kInt32, {2}, std::vector<int32_t>{0, bad});
    h.output(DType::kFloat32);
    ASSERT_TRUE(h.prepare().ok());
    Status st = h.eval();
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("out of range"), std::string::npos);
  }
}

TEST(Gather, ZeroSizeIndicesAndEmptyAxis) {
  TensorHarness h(OpKind::GATHER);
  h.input(DType::kFloat32, {3, 2}, V(6, 1.0f));
  h.input(DType::kInt32, {0}, std::vector<int32_t>{});
  h.output(DType::kFloat32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (S{0, 2}));

  // Any index into an empty axis is out of range.
  TensorHarness empty(OpKind::GATHER);
  empty.input(DType::kFloat32, {0}, V{});
  empty.input(DType::kInt32, {1}, std::vector<int32_t>{0});
  empty.output(DType::kFloat32);
  ASSERT_TRUE(empty.prepare().ok());
  EXPECT_FALSE(empty.eval().ok());
}

}  // namespace
}  // namespace xlite
