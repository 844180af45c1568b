// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <random>

#include "kernel_harness.h"
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

// The row-copy path against the reference walk: block sizes 1 to 4,
// channel counts, batches, element sizes, 1 and 2 threads.
TEST(DepthToSpace, FastPathMatchesTheReference) {
  std::mt19937 rng(7);
  for (int32_t block : {1, 2, 3, 4})
    for (int32_t out_c : {1, 3, 8})
      for (int threads : {1, 2}) {
        const S shape = {2, 3, 5, block * block * out_c};
        const size_t n = static_cast<size_t>(2 * 3 * 5 * block * block * out_c);
        std::vector<float> x(n);
        for (float& v : x) v = std::uniform_real_distribution<float>(-1, 1)(rng);
        std::vector<int8_t> q(n);
        for (int8_t& v : q) v = static_cast<int8_t>(rng());
        V got[2];
        std::vector<int8_t> got_q[2];
        for (int reference = 0; reference < 2; ++reference) {
          xlite::testing::KernelHarness h(OpKind::DEPTH_TO_SPACE);
          h.attrs().set("block_size", int64_t{block});
          h.input<float>(DType::kFloat32, shape, x).output(DType::kFloat32).reference_only(reference == 1).threads(threads);
          ASSERT_TRUE(h.run().ok());
          got[reference] = h.out<float>();
          xlite::testing::KernelHarness hq(OpKind::DEPTH_TO_SPACE);
          hq.attrs().set("block_size", int64_t{block});
          hq.input<int8_t>(DType::kInt8, shape, q, 0.5f, 0).output(DType::kInt8, 0.5f, 0).reference_only(reference == 1);
          ASSERT_TRUE(hq.run().ok());
          got_q[reference] = hq.out<int8_t>();
        }
        EXPECT_EQ(got[0], got[1]) << "block " << block << " out_c " << out_c << " threads " << threads;
        EXPECT_EQ(got_q[0], got_q[1]) << "block " << block << " out_c " << out_c;
      }
}

}  // namespace
}  // namespace xlite
