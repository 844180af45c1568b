// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "op_harness.h"

namespace xlite {
namespace {

using testing::OpHarness;

// 1x2 -> 1x4 without half-pixel centers: source x = i * 0.5.
TEST(ResizeBilinear, FloatUpsamples) {
  OpHarness h(OpKind::RESIZE_BILINEAR);
  h.input<float>(DType::kFloat32, {1, 1, 2, 1}, {0, 8}).constant<int32_t>(DType::kInt32, {2}, {1, 4}).output(
      DType::kFloat32, {1, 1, 4, 1});
  ASSERT_TRUE(h.run().ok()) << h.run().message();
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 4, 8, 8}));
}

// align_corners maps the ends onto each other: scale (2 - 1) / (3 - 1).
TEST(ResizeBilinear, AlignCorners) {
  OpHarness h(OpKind::RESIZE_BILINEAR);
  h.input<float>(DType::kFloat32, {1, 1, 2, 1}, {0, 8})
      .constant<int32_t>(DType::kInt32, {2}, {1, 3})
      .output(DType::kFloat32, {1, 1, 3, 1})
      .attr("align_corners", true);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<float>(), (std::vector<float>{0, 4, 8}));
}

// int8 in 10-bit fixed point; 1.5 (from 1 and 2) rounds away from zero.
TEST(ResizeBilinear, Int8RoundsHalfAwayFromZero) {
  OpHarness h(OpKind::RESIZE_BILINEAR);
  h.input<int8_t>(DType::kInt8, {1, 1, 2, 1}, {1, 2}, 1.0f, 0)
      .constant<int32_t>(DType::kInt32, {2}, {1, 4})
      .output(DType::kInt8, {1, 1, 4, 1}, 1.0f, 0);
  ASSERT_TRUE(h.run().ok());
  EXPECT_EQ(h.out<int8_t>(), (std::vector<int8_t>{1, 2, 2, 2}));
}

TEST(ResizeNearestNeighbor, HalfPixelCenters) {
  OpHarness h(OpKind::RESIZE_NEAREST_NEIGHBOR);
  h.input<float>(DType::kFloat32, {1, 1, 3, 1}, {1, 2, 3})
      .constant<int32_t>(DType::kInt32, {2}, {1, 2})
      .output(DType::kFloat32, {1, 1, 2, 1})
      .attr("half_pixel_centers", true);
  ASSERT_TRUE(h.run().ok());
  // floor((i + 0.5) * 1.5): 0 -> 0, 1 -> 2
  EXPECT_EQ(h.out<float>(), (std::vector<float>{1, 3}));
}

}  // namespace
}  // namespace xlite
