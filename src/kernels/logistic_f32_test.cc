// SPDX-License-Identifier: Apache-2.0
// LOGISTIC and swish float32 variants against the reference kernels: every
// length up to a few vectors (remainders), the clamp and underflow regions,
// a dense sweep, infinities and NaN, in place.
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

// Swish against MUL(x, LOGISTIC(x)) of the reference: within a few ulps of
// max(1, |x|) element by element; NaN and infinities exactly as the pair
// gives them (swish(-inf) = -inf * 0 = NaN).
std::string compare_swish(const float* x, const float* got, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const float want = x[i] * ref::logistic_float(x[i]);
    const bool ok = std::isnan(want) ? std::isnan(got[i])
                    : std::isinf(want)
                        ? got[i] == want
                        : std::fabs(static_cast<double>(got[i]) - want) <= 4e-7 * std::max(1.0f, std::fabs(x[i]));
    if (!ok)
      return "x=" + std::to_string(x[i]) + ": got " + std::to_string(got[i]) + ", want " + std::to_string(want);
  }
  return "";
}

std::vector<float> sweep_with_specials() {
  // The specials at the front (vector lanes) and again at the back (the
  // variants' scalar tails).
  std::vector<float> x;
  const float specials[] = {0.0f, -0.0f, 88.72f, 88.73f, -88.72f, -88.73f, -87.33f, -87.34f, 100.0f, -100.0f,
                            1e-30f, -1e-30f, 1e-40f, -1e-40f, std::numeric_limits<float>::max(),
                            -std::numeric_limits<float>::max(), std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()};
  for (float v : specials) x.push_back(v);
  for (float v = -110.0f; v < 110.0f; v += 0.0037f) x.push_back(v);
  for (float v : specials) x.push_back(v);
  return x;
}

TEST(LogisticF32, SweepAndSpecials) {
  const std::vector<float> x = sweep_with_specials();
  std::vector<float> want(x.size());
  for (size_t i = 0; i < x.size(); ++i) want[i] = ref::logistic_float(x[i]);
  for (const auto& v : variants<LogisticF32Kernel>()) {
    if (!isa_supported(v.isa)) continue;
    GuardedFloats y(x.size());
    v.kernel->run(x.data(), y.data(), static_cast<int64_t>(x.size()));
    EXPECT_TRUE(y.guards_intact()) << v.name;
    EXPECT_EQ(testing::compare(y.data(), want.data(), x.size(), 1.0, 4e-7), "") << v.name;
    // In place, and outputs for x below -88.72 (where the reference's
    // exp(-x) overflows) exactly 0.
    std::vector<float> z = x;
    v.kernel->run(z.data(), z.data(), static_cast<int64_t>(z.size()));
    EXPECT_EQ(testing::compare(z.data(), want.data(), x.size(), 1.0, 4e-7), "") << v.name << " in place";
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i] < -88.73f) {
        ASSERT_EQ(z[i], 0.0f) << v.name << " x=" << x[i];
      }
    }
  }
}

TEST(SwishF32, EveryVariantMatchesMulOfLogistic) {
  std::mt19937 rng(6);
  const std::vector<float> sweep = sweep_with_specials();
  for (const auto& v : variants<LogisticF32Kernel>()) {
    if (!isa_supported(v.isa)) continue;
    for (int64_t n : {0, 1, 7, 8, 9, 16, 31, 100, 1000}) {
      const std::vector<float> x = testing::random_floats(rng, static_cast<size_t>(n), -30.0f, 30.0f);
      GuardedFloats y(x.size());
      v.kernel->swish(x.data(), y.data(), n);
      EXPECT_TRUE(y.guards_intact()) << v.name << " n=" << n;
      EXPECT_EQ(compare_swish(x.data(), y.data(), x.size()), "") << v.name << " n=" << n;
    }
    GuardedFloats y(sweep.size());
    v.kernel->swish(sweep.data(), y.data(), static_cast<int64_t>(sweep.size()));
    EXPECT_TRUE(y.guards_intact()) << v.name;
    EXPECT_EQ(compare_swish(sweep.data(), y.data(), sweep.size()), "") << v.name << " sweep";
    std::vector<float> z = sweep;  // in place, as the conv epilogue calls it
    v.kernel->swish(z.data(), z.data(), static_cast<int64_t>(z.size()));
    EXPECT_EQ(compare_swish(sweep.data(), z.data(), sweep.size()), "") << v.name << " in place";
  }
}

}  // namespace
}  // namespace xlite::kernels
