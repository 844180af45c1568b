// SPDX-License-Identifier: Apache-2.0
// Column-sum float32 variants against sequential scalar sums in row order,
// bit for bit: channel ranges around the 8/32-float blocks (remainders),
// starting anywhere in a row, one row and many, with large values whose
// order of addition would show any reassociation, and guard words on
// both sides of the sums (nothing outside [c0, c1) is written).
#include <gtest/gtest.h>

#include "kernels/kernel_test_util.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

TEST(SumRowsF32, EveryVariantMatchesSequentialSumsBitForBit) {
  std::mt19937 rng(21);
  std::vector<std::string> skipped;
  const auto runnable = testing::runnable<SumRowsF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "skipped (CPU lacks its ISA): " << s << "\n";
  for (const auto& v : runnable)
    for (int64_t mid : {1, 2, 7, 49, 196})
      for (int64_t inner : {1, 3, 8, 9, 16, 31, 32, 33, 40, 72, 100})
        for (int64_t c0 : {int64_t{0}, int64_t{1}, inner / 2})
          for (int64_t c1 : {inner, inner - inner / 3}) {
            if (c1 <= c0) continue;
            std::vector<float> x = testing::random_floats(rng, static_cast<size_t>(mid * inner), -4.0f, 4.0f);
            // Magnitudes far apart: (a + b) + c differs from a + (b + c).
            for (size_t i = 0; i < x.size(); i += 7) x[i] *= 1e7f;
            std::vector<float> want(static_cast<size_t>(inner), 0.0f);
            for (int64_t c = c0; c < c1; ++c) {
              float s = 0.0f;
              for (int64_t m = 0; m < mid; ++m) s += x[static_cast<size_t>(m * inner + c)];
              want[static_cast<size_t>(c)] = s;
            }
            GuardedFloats sum(static_cast<size_t>(inner));
            v.kernel->run(x.data(), mid, inner, c0, c1, sum.data());
            const std::string what = std::string(v.name) + " mid " + std::to_string(mid) + " inner " +
                                     std::to_string(inner) + " [" + std::to_string(c0) + "," + std::to_string(c1) + ")";
            ASSERT_TRUE(sum.guards_intact()) << what;
            for (int64_t c = 0; c < inner; ++c) {
              const uint32_t got = testing::float_to_bits(sum[static_cast<size_t>(c)]);
              if (c < c0 || c >= c1)
                ASSERT_EQ(got, testing::kPoisonBits) << what << ": wrote channel " << c;
              else
                ASSERT_EQ(got, testing::float_to_bits(want[static_cast<size_t>(c)])) << what << ": channel " << c;
            }
          }
}

}  // namespace
}  // namespace xlite::kernels
