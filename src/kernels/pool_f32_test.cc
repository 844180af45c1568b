// SPDX-License-Identifier: Apache-2.0
// float32 pooling variants, through the op's driver (pool_rows::pool_f32),
// against the reference MAX_POOL_2D and AVERAGE_POOL_2D bit for bit: random
// NHWC geometries (channel counts around the vector widths, windows clipped
// by SAME padding, global windows), every activation clamp, NaN / infinity
// / signed zero inputs, poisoned outputs with guard words.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "kernels/kernel_test_util.h"
#include "ops/average_pool_2d/average_pool_2d_ref.h"
#include "ops/common/pool_rows.h"
#include "ops/common/window.h"
#include "ops/max_pool_2d/max_pool_2d_ref.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

TEST(PoolF32, EveryVariantMatchesTheReferenceBitForBit) {
  std::mt19937 rng(23);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const int32_t channel_counts[] = {1, 3, 7, 8, 9, 15, 16, 17, 24, 28, 33, 40, 64, 100};
  const auto clamps = testing::clamps();
  for (const auto& v : testing::runnable<PoolF32Kernel>())
    for (int trial = 0; trial < 400; ++trial) {
      ops::PoolGeometry g{};
      g.batches = r(1, 2);
      g.in_h = r(1, 14);
      g.in_w = r(1, 14);
      g.channels = channel_counts[r(0, static_cast<int>(std::size(channel_counts)) - 1)];
      const bool global = r(0, 9) == 0;
      g.filter_h = global ? g.in_h : r(1, 4);
      g.filter_w = global ? g.in_w : r(1, 4);
      g.stride_h = r(1, 3);
      g.stride_w = r(1, 3);
      const int padding = r(0, 1);  // 1: SAME, 0: VALID
      g.out_h = window::out_size(padding, g.in_h, g.filter_h, g.stride_h, 1);
      g.out_w = window::out_size(padding, g.in_w, g.filter_w, g.stride_w, 1);
      if (g.out_h <= 0 || g.out_w <= 0) continue;
      g.pad_h = window::pad_before(g.in_h, g.filter_h, g.stride_h, 1, g.out_h);
      g.pad_w = window::pad_before(g.in_w, g.filter_w, g.stride_w, 1, g.out_w);
      const size_t in_n = static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.channels;
      const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.channels;
      std::vector<float> in = testing::random_floats(rng, in_n, -3.0f, 3.0f);
      const float inf = std::numeric_limits<float>::infinity();
      const float specials[] = {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN()};
      for (size_t i = static_cast<size_t>(r(0, 30)); i < in_n; i += 31) in[i] = specials[i % std::size(specials)];
      const testing::Clamp c = clamps[static_cast<size_t>(r(0, static_cast<int>(clamps.size()) - 1))];
      for (bool average : {false, true}) {
        std::vector<float> want(out_n);
        if (average)
          ref::average_pool_2d_float(g, in.data(), c.min, c.max, want.data());
        else
          ref::max_pool_2d<float>(g, in.data(), c.min, c.max, want.data());
        GuardedFloats got(out_n);
        ops::pool_rows::pool_f32(*v.kernel, average, g, in.data(), c.min, c.max, got.data());
        const std::string what = std::string(v.name) + (average ? " average" : " max") + " trial " +
                                 std::to_string(trial) + " in " + std::to_string(g.in_h) + "x" +
                                 std::to_string(g.in_w) + "x" + std::to_string(g.channels) + " filter " +
                                 std::to_string(g.filter_h) + "x" + std::to_string(g.filter_w) + " stride " +
                                 std::to_string(g.stride_h) + "," + std::to_string(g.stride_w);
        ASSERT_TRUE(got.guards_intact()) << what;
        // Any NaN matches any NaN (which operand's NaN a sum keeps is the
        // compiler's choice, even in the reference); everything else bit
        // for bit, and no element left as the poison.
        for (size_t i = 0; i < out_n; ++i)
          if (testing::float_to_bits(got[i]) == testing::kPoisonBits || !(std::isnan(got[i]) && std::isnan(want[i])))
            ASSERT_EQ(testing::float_to_bits(got[i]), testing::float_to_bits(want[i]))
                << what << ": element " << i << " got " << got[i] << " want " << want[i];
      }
    }
}

}  // namespace
}  // namespace xlite::kernels
