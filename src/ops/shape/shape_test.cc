// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tensor_harness.h"

namespace xlite {
namespace {

using testing::TensorHarness;

TEST(Shape, Int64Output) {
  TensorHarness h(OpKind::SHAPE);
  h.input(DType::kInt8, {2, 0, 5}, std::vector<int8_t>{});
  h.output(DType::kInt64);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (std::vector<int32_t>{3}));
  EXPECT_EQ(h.values<int64_t>(), (std::vector<int64_t>{2, 0, 5}));
}

TEST(Shape, ScalarGivesEmptyVector) {
  TensorHarness h(OpKind::SHAPE);
  h.input(DType::kFloat32, {}, std::vector<float>{1});
  h.output(DType::kInt32);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.shape(), (std::vector<int32_t>{0}));
}

TEST(Shape, OtherOutputTypesAreUnsupported) {
  TensorHarness h(OpKind::SHAPE);
  h.input(DType::kFloat32, {1}, std::vector<float>{1});
  h.output(DType::kFloat32);
  EXPECT_NE(h.prepare().message().find("not supported yet"), std::string::npos);
}

}  // namespace
}  // namespace xlite
