// SPDX-License-Identifier: Apache-2.0
// HARD_SWISH float32 variants against the reference kernel, bit for bit:
// every length up to a few vectors (remainders), in place, the kinks at -3
// and 3, -0, infinities and NaN.
#include <gtest/gtest.h>

#include <limits>

#include "kernels/kernel_test_util.h"
#include "ops/hard_swish/hard_swish_ref.h"

namespace xlite::kernels {
namespace {

using testing::GuardedFloats;

TEST(HardSwishF32, EveryVariantMatchesTheReferenceBitForBit) {
  std::mt19937 rng(3);
  for (const auto& v : variants<HardSwishF32Kernel>()) {
    if (!isa_supported(v.isa)) continue;
    for (int64_t n : {0, 1, 7, 8, 9, 16, 31, 100, 1000}) {
      std::vector<float> x = testing::random_floats(rng, static_cast<size_t>(n), -8.0f, 8.0f);
      const float specials[] = {0.0f, -0.0f, -3.0f, 3.0f, -3.0000002f, 2.9999998f,
                                std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                                std::numeric_limits<float>::quiet_NaN(), 1e-30f, -1e-30f};
      for (size_t i = 0; i < x.size() && i < std::size(specials); ++i) x[(i * 7) % x.size()] = specials[i];
      GuardedFloats y(x.size());
      v.kernel->run(x.data(), y.data(), n);
      EXPECT_TRUE(y.guards_intact()) << v.name;
      std::vector<float> inplace = x;
      v.kernel->run(inplace.data(), inplace.data(), n);
      for (size_t i = 0; i < x.size(); ++i) {
        const float want = ref::hard_swish_float(x[i]);
        if (std::isnan(want)) {
          EXPECT_TRUE(std::isnan(y[i]) && std::isnan(inplace[i])) << v.name << " x=" << x[i];
          continue;
        }
        ASSERT_EQ(testing::float_to_bits(y[i]), testing::float_to_bits(want)) << v.name << " x=" << x[i];
        ASSERT_EQ(testing::float_to_bits(inplace[i]), testing::float_to_bits(want)) << v.name << " in place";
      }
    }
  }
}

}  // namespace
}  // namespace xlite::kernels
