// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "kernel_harness.h"
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

// The float fast path (coordinates precomputed, channels vectorised, rows
// split across threads) against the reference walk, bit for bit: up- and
// downscaling, both corner modes, channel counts, batches, 1 and 2 threads.
TEST(ResizeBilinear, FloatFastPathMatchesTheReferenceBitForBit) {
  std::mt19937 rng(5);
  struct Case {
    std::vector<int32_t> in;
    int32_t out_h, out_w;
  };
  const Case cases[] = {{{1, 3, 4, 1}, 7, 9}, {{2, 5, 6, 3}, 10, 12}, {{1, 8, 8, 8}, 3, 5},
                        {{1, 4, 4, 17}, 16, 16}, {{1, 2, 9, 5}, 9, 2}};
  for (const Case& c : cases)
    for (int mode = 0; mode < 3; ++mode)
      for (int threads : {1, 2}) {
        size_t n = 1;
        for (int32_t d : c.in) n *= static_cast<size_t>(d);
        std::vector<float> x(n);
        for (float& v : x) v = std::uniform_real_distribution<float>(-3, 3)(rng);
        std::vector<float> got[2];
        for (int reference = 0; reference < 2; ++reference) {
          xlite::testing::KernelHarness h(OpKind::RESIZE_BILINEAR);
          h.input<float>(DType::kFloat32, c.in, x)
              .input<int32_t>(DType::kInt32, {2}, {c.out_h, c.out_w}, 0.0f, 0, /*constant=*/true)
              .output(DType::kFloat32)
              .reference_only(reference == 1)
              .threads(threads);
          h.attrs().set("align_corners", mode == 1);
          h.attrs().set("half_pixel_centers", mode == 2);
          ASSERT_TRUE(h.run().ok());
          got[reference] = h.out<float>();
        }
        ASSERT_EQ(got[0].size(), got[1].size());
        for (size_t i = 0; i < got[0].size(); ++i)
          ASSERT_EQ(std::memcmp(&got[0][i], &got[1][i], 4), 0) << "mode " << mode << " element " << i;
      }
}

}  // namespace
}  // namespace xlite
