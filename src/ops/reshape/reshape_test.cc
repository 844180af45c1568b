// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(Reshape, InfersTheMinusOneDimension) {
  OpHarness h(OpKind::RESHAPE);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int32_t>(DType::kInt32, {2}, {3, -1})
      .output(DType::kFloat32, {3, 2});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out_shape(), (std::vector<int32_t>{3, 2}));
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(Reshape, ElementCountMustAgree) {
  OpHarness h(OpKind::RESHAPE);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int32_t>(DType::kInt32, {2}, {4, 2})
      .output(DType::kFloat32, {4, 2});
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("holds 8 elements, input has 6"), std::string::npos) << st.message();
}

TEST(Reshape, ToAScalarFromTheOption) {
  OpHarness h(OpKind::RESHAPE);
  h.input<float>(DType::kFloat32, {1, 1}, {7}).output(DType::kFloat32, {}).attr("new_shape", std::vector<int64_t>{});
  ASSERT_TRUE(h.run().ok());
  EXPECT_TRUE(h.out_shape().empty());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{7}));
}

}  // namespace
}  // namespace xlite
