// SPDX-License-Identifier: Apache-2.0
// PRELU float32 variants against the reference kernel, bit for bit: every
// block length up to a few vectors (remainders), every starting channel
// (the epilogue's blocks start anywhere in a row), in place, and the
// values the select must keep (-0, NaN, infinities, denormals).
#include <gtest/gtest.h>

#include <limits>

#include "kernels/kernel_test_util.h"
#include "ops/prelu/prelu_ref.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

std::vector<float> with_specials(std::mt19937& rng, size_t n) {
  std::vector<float> x = testing::random_floats(rng, n, -4.0f, 4.0f);
  const float specials[] = {0.0f, -0.0f, std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN(),
                            -std::numeric_limits<float>::denorm_min(), 1e-30f, -1e-30f};
  for (size_t i = 0; i < x.size() && i < std::size(specials); ++i) x[(i * 5) % x.size()] = specials[i];
  return x;
}

// The reference over the same block: the op's broadcast walk of a [rows,
// channels] input against an alpha of [channels], read at c0.
std::vector<float> reference(const std::vector<float>& x, const std::vector<float>& alpha, int64_t channels,
                             int64_t c0) {
  const int64_t total = c0 + static_cast<int64_t>(x.size());
  const int64_t rows = (total + channels - 1) / channels;
  std::vector<float> full(static_cast<size_t>(rows * channels), 1.0f), out(full.size());
  std::copy(x.begin(), x.end(), full.begin() + c0);
  bcast::Map m;
  const std::vector<int32_t> xs = {static_cast<int32_t>(rows), static_cast<int32_t>(channels)};
  const std::vector<int32_t> as = {static_cast<int32_t>(channels)};
  EXPECT_TRUE(bcast::make_map(xs, as, &m).ok());
  ref::prelu_float(m, full.data(), alpha.data(), out.data());
  return {out.begin() + c0, out.begin() + c0 + static_cast<int64_t>(x.size())};
}

TEST(PreluF32, EveryVariantMatchesTheReferenceBitForBit) {
  std::mt19937 rng(11);
  for (const auto& v : variants<PreluF32Kernel>()) {
    if (!isa_supported(v.isa)) continue;
    for (int64_t channels : {1, 3, 8, 16, 17, 40}) {
      const std::vector<float> alpha = testing::random_floats(rng, static_cast<size_t>(channels), -0.5f, 0.9f);
      for (int64_t n : {0, 1, 7, 8, 9, 16, 23, 33, 100}) {
        for (int64_t c0 : {int64_t{0}, channels / 2, channels - 1}) {
          const std::vector<float> x = with_specials(rng, static_cast<size_t>(n));
          const std::vector<float> want = reference(x, alpha, channels, c0);
          GuardedFloats y(x.size());
          v.kernel->run(x.data(), y.data(), n, alpha.data(), channels, c0);
          EXPECT_TRUE(y.guards_intact()) << v.name;
          std::vector<float> inplace = x;
          v.kernel->run(inplace.data(), inplace.data(), n, alpha.data(), channels, c0);
          for (size_t i = 0; i < x.size(); ++i) {
            ASSERT_EQ(testing::float_to_bits(y[i]), testing::float_to_bits(want[i]))
                << v.name << " channels=" << channels << " n=" << n << " c0=" << c0 << " i=" << i;
            ASSERT_EQ(testing::float_to_bits(inplace[i]), testing::float_to_bits(want[i])) << v.name << " in place";
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace xlite::kernels
