// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

TEST(Mean, FloatNegativeAxisKeepDims) {
  OpHarness h(OpKind::MEAN);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int32_t>(DType::kInt32, {1}, {-1})
      .output(DType::kFloat32, {2, 1})
      .attr("keep_dims", true);
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{2, 5}));
  EXPECT_EQ(h.out_shape(), (std::vector<int32_t>{2, 1}));
}

// Same scale in and out: the mean of {1, 2} is 1.5, rounded to 2 by the
// folded multiplier; {-1, -2} gives -1.5 -> -1 (ties toward +infinity).
TEST(Mean, Int8FoldsTheCountIntoTheMultiplier) {
  OpHarness h(OpKind::MEAN);
  h.input<int8_t>(DType::kInt8, {2, 2}, {1, 2, -1, -2}, 0.5f, 0)
      .constant<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kInt8, {2}, 0.5f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, -1}));
}

TEST(Mean, AxisOutOfRange) {
  OpHarness h(OpKind::MEAN);
  h.input<float>(DType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int32_t>(DType::kInt32, {1}, {2})
      .output(DType::kFloat32, {2});
  Status st = h.run();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("axis 2 is out of range"), std::string::npos) << st.message();
}

TEST(Mean, ZeroSizedReductionIsNaN) {
  OpHarness h(OpKind::MEAN);
  h.input<float>(DType::kFloat32, {2, 0}, {})
      .constant<int32_t>(DType::kInt32, {1}, {1})
      .output(DType::kFloat32, {2});
  ASSERT_TRUE(h.run().ok());
  for (float v : h.out<float>()) EXPECT_TRUE(std::isnan(v));
}

}  // namespace
}  // namespace xlite
