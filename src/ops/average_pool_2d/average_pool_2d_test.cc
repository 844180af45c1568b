// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// Integer averages round half away from zero: 1.5 -> 2, -1.5 -> -2.
TEST(AveragePool2D, Int8RoundsHalfAwayFromZero) {
  OpHarness h(OpKind::AVERAGE_POOL_2D);
  h.input<int8_t>(DType::kInt8, {1, 1, 2, 2}, {1, -1, 2, -2}, 0.1f, 0)
      .output(DType::kInt8, {1, 1, 1, 2}, 0.1f, 0)
      .attr("padding", int64_t{1})
      .attr("filter_width", int64_t{2})
      .attr("filter_height", int64_t{1})
      .attr("stride_w", int64_t{2})
      .attr("stride_h", int64_t{1});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{2, -2}));
}

// SAME padding: the count excludes padded positions.
TEST(AveragePool2D, FloatCountExcludesPadding) {
  OpHarness h(OpKind::AVERAGE_POOL_2D);
  h.input<float>(DType::kFloat32, {1, 1, 3, 1}, {3, 6, 9})
      .output(DType::kFloat32, {1, 1, 3, 1})
      .attr("padding", int64_t{0})
      .attr("filter_width", int64_t{3})
      .attr("filter_height", int64_t{1})
      .attr("stride_w", int64_t{1})
      .attr("stride_h", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{4.5f, 6.0f, 7.5f}));
}

TEST(MaxPool2D, Int8WithRelu) {
  OpHarness h(OpKind::MAX_POOL_2D);
  // scale 0.5, zp 10: RELU floors at q(0) = 10
  h.input<int8_t>(DType::kInt8, {1, 2, 2, 1}, {-5, 3, 7, 2}, 0.5f, 10)
      .output(DType::kInt8, {1, 1, 1, 1}, 0.5f, 10)
      .attr("padding", int64_t{1})
      .attr("filter_width", int64_t{2})
      .attr("filter_height", int64_t{2})
      .attr("stride_w", int64_t{2})
      .attr("stride_h", int64_t{2})
      .attr("fused_activation_function", int64_t{1});
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{10}));
}

}  // namespace
}  // namespace xlite
