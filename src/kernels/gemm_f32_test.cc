// SPDX-License-Identifier: Apache-2.0
// Every GEMM f32 variant the CPU can run against the reference
// FULLY_CONNECTED kernel: M, N, K around and off the register tiles (0 and 1
// included), strided A and C, bias or none, each activation clamp, row
// ranges split as a thread pool would, a column split by whole panels, and
// NaN/Inf inputs. Outputs start poisoned; guard words and the C stride gaps
// must survive.
#include <gtest/gtest.h>

#include "kernels/kernel_test_util.h"
#include "ops/fully_connected/fully_connected_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

struct Case {
  int64_t m, n, k;
  bool bias;
  Clamp clamp;
  int64_t split;  // rows [0, split) and [split, m) in two calls
};

// Runs `v` on one case; returns "" or what went wrong.
std::string run_case(const Variant<GemmF32Kernel>& v, const Case& c, uint32_t seed) {
  std::mt19937 rng(seed);
  const int64_t lda = c.k + 3, ldc = c.n + 5;
  std::vector<float> a = random_floats(rng, static_cast<size_t>(c.m * lda + 1));
  std::vector<float> w = random_floats(rng, static_cast<size_t>(c.n * c.k + 1));
  std::vector<float> bias = random_floats(rng, static_cast<size_t>(c.n + 1));
  // The reference wants dense rows.
  std::vector<float> a_dense(static_cast<size_t>(c.m * c.k + 1));
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t kk = 0; kk < c.k; ++kk) a_dense[i * c.k + kk] = a[i * lda + kk];
  std::vector<float> want(static_cast<size_t>(c.m * c.n + 1));
  ref::fully_connected_float(static_cast<int32_t>(c.m), static_cast<int32_t>(c.k), static_cast<int32_t>(c.n),
                             a_dense.data(), w.data(), c.bias ? bias.data() : nullptr, c.clamp.min, c.clamp.max,
                             want.data());
  std::vector<float> unclamped(want.size());
  ref::fully_connected_float(static_cast<int32_t>(c.m), static_cast<int32_t>(c.k), static_cast<int32_t>(c.n),
                             a_dense.data(), w.data(), c.bias ? bias.data() : nullptr, -INFINITY, INFINITY,
                             unclamped.data());

  const GemmF32Kernel& g = *v.kernel;
  GuardedFloats packed(static_cast<size_t>(gemm_f32_packed_floats(c.n, c.k, g.nr)));
  pack_gemm_f32(w.data(), c.k, c.bias ? bias.data() : nullptr, c.n, c.k, g.nr, packed.data());
  GuardedFloats out(static_cast<size_t>(c.m * ldc));
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t j = c.n; j < ldc; ++j) out.guard(static_cast<size_t>(i * ldc + j));
  GemmF32Args args;
  args.m = c.m, args.n = c.n, args.k = c.k;
  args.a = a.data(), args.lda = lda;
  args.packed = packed.data();
  args.c = out.data(), args.ldc = ldc;
  args.min = c.clamp.min, args.max = c.clamp.max;
  g.run(args, 0, c.split);
  g.run(args, c.split, c.m);
  if (!out.guards_intact() || !packed.guards_intact()) return "guard words overwritten";
  std::vector<float> got(static_cast<size_t>(c.m * c.n + 1));
  for (int64_t i = 0; i < c.m; ++i)
    for (int64_t j = 0; j < ldc; ++j) {
      const float x = out[static_cast<size_t>(i * ldc + j)];
      if (j < c.n)
        got[i * c.n + j] = x;
      else if (float_to_bits(x) != kGuardBits)
        return "wrote the stride gap of row " + std::to_string(i);
    }
  return compare(got.data(), want.data(), static_cast<size_t>(c.m * c.n), max_abs(unclamped.data(), unclamped.size()));
}

std::string describe(const Variant<GemmF32Kernel>& v, const Case& c) {
  return std::string(v.name) + " m=" + std::to_string(c.m) + " n=" + std::to_string(c.n) + " k=" +
         std::to_string(c.k) + " bias=" + std::to_string(c.bias) + " clamp=[" + std::to_string(c.clamp.min) + "," +
         std::to_string(c.clamp.max) + "] split=" + std::to_string(c.split);
}

TEST(GemmF32, EveryVariantMatchesReferenceOverShapeSweep) {
  std::vector<std::string> skipped;
  const auto vs = runnable_or_emulated<GemmF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "[ SKIPPED  ] " << s << ", this CPU lacks its ISA\n";
  const int64_t ms[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17, 25};
  const int64_t ns[] = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 48, 50, 64, 65, 97};
  const int64_t ks[] = {0, 1, 2, 3, 5, 8, 17, 64, 100};
  uint32_t seed = 1;
  for (const auto& v : vs)
    for (int64_t m : ms)
      for (int64_t n : ns)
        for (int64_t k : ks) {
          const std::vector<Clamp> cl = clamps();
          const Case c{m, n, k, seed % 3 != 0, cl[seed % cl.size()], m / 2};
          const std::string err = run_case(v, c, seed++);
          ASSERT_EQ(err, "") << describe(v, c);
        }
}

// Large K and N: several panel blocks (kGemmPanelBlockBytes), long
// accumulations.
TEST(GemmF32, LargeShapesSpanPanelBlocks) {
  const Case cases[] = {
      {20, 130, 1000, true, clamps()[0], 7},
      {3, 1001, 1280, true, clamps()[0], 1},
      {50, 70, 2311, false, clamps()[2], 33},
      {1, 1000, 1024, true, clamps()[0], 0},
  };
  uint32_t seed = 100;
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>())
    for (const Case& c : cases) ASSERT_EQ(run_case(v, c, seed++), "") << describe(v, c);
}

// Each row's result depends only on its row: any split of [0, M) into
// ranges, in any order, gives the same output.
TEST(GemmF32, RowRangesInAnyOrder) {
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>()) {
    const GemmF32Kernel& g = *v.kernel;
    std::mt19937 rng(7);
    const int64_t m = 29, n = 37, k = 19;
    auto a = random_floats(rng, m * k), w = random_floats(rng, n * k);
    std::vector<float> packed(gemm_f32_packed_floats(n, k, g.nr));
    pack_gemm_f32(w.data(), k, nullptr, n, k, g.nr, packed.data());
    std::vector<float> whole(m * n), pieces(m * n);
    GemmF32Args args;
    args.m = m, args.n = n, args.k = k, args.a = a.data(), args.lda = k, args.packed = packed.data();
    args.ldc = n;
    args.c = whole.data();
    g.run(args, 0, m);
    args.c = pieces.data();
    for (int64_t r : {23, 11, 3, 0, 5, 17, 28}) g.run(args, r, std::min<int64_t>(m, r + (r == 0 ? 3 : r == 23 ? 5 : 6)));
    g.run(args, 9, 11);
    EXPECT_EQ(whole, pieces) << v.name;
  }
}

// A column split by whole panels (what a thread pool does for M = 1):
// advance the packed weights by panels and C by columns.
TEST(GemmF32, ColumnSplitByPanels) {
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>()) {
    const GemmF32Kernel& g = *v.kernel;
    std::mt19937 rng(9);
    const int64_t m = 3, n = 5 * g.nr + 3, k = 40;
    auto a = random_floats(rng, m * k), w = random_floats(rng, n * k), bias = random_floats(rng, n);
    std::vector<float> packed(gemm_f32_packed_floats(n, k, g.nr));
    pack_gemm_f32(w.data(), k, bias.data(), n, k, g.nr, packed.data());
    std::vector<float> whole(m * n), split(m * n);
    GemmF32Args args;
    args.m = m, args.n = n, args.k = k, args.a = a.data(), args.lda = k, args.packed = packed.data();
    args.ldc = n;
    args.c = whole.data();
    g.run(args, 0, m);
    const int64_t first = 2 * g.nr;  // columns of the first part
    GemmF32Args left = args, right = args;
    left.n = first;
    left.c = split.data();
    right.n = n - first;
    right.packed = packed.data() + gemm_f32_packed_floats(first, k, g.nr);
    right.c = split.data() + first;
    g.run(right, 0, m);
    g.run(left, 0, m);
    EXPECT_EQ(whole, split) << v.name;
  }
}

// NaN and infinity in A propagate like the reference (NaN through the clamp,
// inf - inf = NaN).
TEST(GemmF32, NonFiniteInputsPropagate) {
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>()) {
    const GemmF32Kernel& g = *v.kernel;
    for (const Clamp& cl : clamps()) {
      std::mt19937 rng(3);
      const int64_t m = 9, n = 21, k = 6;
      auto a = random_floats(rng, m * k), w = random_floats(rng, n * k);
      a[1 * k + 2] = NAN;
      a[4 * k + 0] = INFINITY;
      a[7 * k + 5] = -INFINITY;
      w[3 * k + 0] = 0.0f;  // inf * 0 = NaN in row 4, column 3
      std::vector<float> want(m * n), packed(gemm_f32_packed_floats(n, k, g.nr));
      GuardedFloats got(m * n);
      ref::fully_connected_float(m, k, n, a.data(), w.data(), nullptr, cl.min, cl.max, want.data());
      pack_gemm_f32(w.data(), k, nullptr, n, k, g.nr, packed.data());
      GemmF32Args args;
      args.m = m, args.n = n, args.k = k, args.a = a.data(), args.lda = k, args.packed = packed.data();
      args.c = got.data(), args.ldc = n, args.min = cl.min, args.max = cl.max;
      g.run(args, 0, m);
      EXPECT_EQ(compare(got.data(), want.data(), m * n), "") << v.name << " clamp " << cl.min << ".." << cl.max;
      EXPECT_TRUE(got.guards_intact());
    }
  }
}

// A post step that records, for every element it is given, how often it
// came and the value it had then.
struct PostRecord {
  const float* base = nullptr;
  int64_t ldc = 0;
  std::vector<int> visits;
  std::vector<float> seen;
  static void fn(const void* self, float* c, int64_t rows, int64_t n, int64_t ldc) {
    auto* r = const_cast<PostRecord*>(static_cast<const PostRecord*>(self));
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const int64_t at = (c - r->base) + i * ldc + j;
        ++r->visits[static_cast<size_t>(at)];
        r->seen[static_cast<size_t>(at)] = c[i * ldc + j];
      }
  }
};

// The post step (an op's fused epilogue) sees every output element exactly
// once, with its final value, whatever the row ranges and panel blocks,
// and nothing in the stride gaps.
TEST(GemmF32, PostStepSeesEveryElementOnceWithItsFinalValue) {
  const Case cases[] = {
      {29, 1001, 1280, true, clamps()[1], 13},  // several panel blocks
      {7, 37, 19, false, clamps()[0], 6},
      {1, 16, 3, true, clamps()[2], 0},
  };
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>())
    for (const Case& c : cases) {
      const GemmF32Kernel& g = *v.kernel;
      std::mt19937 rng(5);
      const int64_t ldc = c.n + 3;
      auto a = random_floats(rng, c.m * c.k), w = random_floats(rng, c.n * c.k), b = random_floats(rng, c.n);
      std::vector<float> packed(gemm_f32_packed_floats(c.n, c.k, g.nr));
      pack_gemm_f32(w.data(), c.k, c.bias ? b.data() : nullptr, c.n, c.k, g.nr, packed.data());
      std::vector<float> out(static_cast<size_t>(c.m * ldc), 0.0f);
      PostRecord rec;
      rec.base = out.data();
      rec.ldc = ldc;
      rec.visits.assign(out.size(), 0);
      rec.seen.assign(out.size(), 0.0f);
      GemmF32Args args;
      args.m = c.m, args.n = c.n, args.k = c.k, args.a = a.data(), args.lda = c.k, args.packed = packed.data();
      args.c = out.data(), args.ldc = ldc, args.min = c.clamp.min, args.max = c.clamp.max;
      args.post = {&PostRecord::fn, &rec};
      g.run(args, c.split, c.m);
      g.run(args, 0, c.split);
      for (int64_t i = 0; i < c.m; ++i)
        for (int64_t j = 0; j < ldc; ++j) {
          const size_t at = static_cast<size_t>(i * ldc + j);
          ASSERT_EQ(rec.visits[at], j < c.n ? 1 : 0) << describe(v, c) << " at " << i << "," << j;
          if (j < c.n) ASSERT_EQ(float_to_bits(rec.seen[at]), float_to_bits(out[at])) << describe(v, c);
        }
    }
}

}  // namespace
}  // namespace xlite::kernels
