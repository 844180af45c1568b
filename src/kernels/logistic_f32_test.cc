// SPDX-License-Identifier: Apache-2.0
// LOGISTIC float32 variants against the reference kernel: every length up
// to a few vectors (remainders), the clamp region, infinities and NaN.
#include <gtest/gtest.h>

#include <limits>

#include "kernels/kernel_test_util.h"
#include "ops/logistic/logistic_ref.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

TEST(LogisticF32, EveryVariantMatchesTheReference) {
  std::mt19937 rng(5);
  for (const auto& v : variants<LogisticF32Kernel>()) {
    if (!isa_supported(v.isa)) continue;
    for (int64_t n : {0, 1, 7, 8, 9, 16, 31, 100, 1000}) {
      std::vector<float> x = testing::random_floats(rng, static_cast<size_t>(n), -30.0f, 30.0f);
      const float specials[] = {0.0f, -0.0f, 88.5f, -88.5f, 99.0f, -99.0f, 150.0f, -150.0f,
                                std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                                std::numeric_limits<float>::quiet_NaN(), 1e-30f, -1e-30f};
      for (size_t i = 0; i < x.size() && i < std::size(specials); ++i) x[(i * 7) % x.size()] = specials[i];
      std::vector<float> want(x.size());
      for (size_t i = 0; i < x.size(); ++i) want[i] = ref::logistic_float(x[i]);
      GuardedFloats y(x.size());
      v.kernel->run(x.data(), y.data(), n);
      EXPECT_TRUE(y.guards_intact()) << v.name << " n=" << n;
      // Outputs lie in [0, 1]: a few float ulps of 1 is the bound.
      EXPECT_EQ(testing::compare(y.data(), want.data(), x.size(), 1.0, 4e-7), "") << v.name << " n=" << n;
    }
  }
}

}  // namespace
}  // namespace xlite::kernels
