// SPDX-License-Identifier: Apache-2.0
// winograd_f32 on every transform variant the CPU can run, with every GEMM
// variant (or its emulation), against the reference CONV_2D: map sizes off
// the 4x4 tiles, SAME, VALID and one-sided padding, channel counts off the
// vectors and panels, batches, clamps, tile ranges split in two and
// channel ranges at a panel boundary, and the post step seeing every
// output once. Outputs start poisoned and are fenced by guard words; so
// are the packed weights and the scratch.
#include <gtest/gtest.h>

#include "kernels/kernel_test_util.h"
#include "kernels/winograd_f32.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

struct WinoCase {
  int32_t batches, in_h, in_w, in_c, out_c;
  int32_t pad_top, pad_bottom, pad_left, pad_right;
};

std::string describe(const char* gemm, const char* wino, const WinoCase& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s + %s n=%d in=%dx%dx%d out_c=%d pad=%d,%d,%d,%d", gemm, wino, c.batches, c.in_h,
                c.in_w, c.in_c, c.out_c, c.pad_top, c.pad_bottom, c.pad_left, c.pad_right);
  return buf;
}

ref::ConvGeometry geometry(const WinoCase& c) {
  ref::ConvGeometry g{};
  g.batches = c.batches, g.in_h = c.in_h, g.in_w = c.in_w, g.in_c = c.in_c;
  g.out_c = c.out_c, g.filter_h = 3, g.filter_w = 3, g.filter_c = c.in_c;
  g.stride_h = g.stride_w = g.dilation_h = g.dilation_w = 1;
  g.pad_h = c.pad_top, g.pad_w = c.pad_left;
  g.out_h = c.in_h + c.pad_top + c.pad_bottom - 2;
  g.out_w = c.in_w + c.pad_left + c.pad_right - 2;
  return g;
}

ConvF32Shape shape_of(const ref::ConvGeometry& g) {
  return {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
}

// The post step the test installs: y -> y * 0.5 - 3 (exact in float), so
// an output it skips or visits twice is off by far more than rounding.
void post_step(const void*, float* c, int64_t rows, int64_t n, int64_t ldc) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t j = 0; j < n; ++j) c[r * ldc + j] = c[r * ldc + j] * 0.5f - 3.0f;
}

std::string run_case(const GemmF32Kernel& gemm, const WinogradF32Kernel& wino, const WinoCase& c, const Clamp& cl,
                     bool bias, bool post, uint32_t seed) {
  std::mt19937 rng(seed);
  const ref::ConvGeometry g = geometry(c);
  auto in = random_floats(rng, static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.in_c);
  auto filter = random_floats(rng, static_cast<size_t>(c.out_c) * 9 * c.in_c);
  auto b = random_floats(rng, c.out_c);
  const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c;
  std::vector<float> want(out_n + 1), unclamped(out_n + 1);
  ref::conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, cl.min, cl.max, want.data());
  ref::conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, -INFINITY, INFINITY, unclamped.data());
  double scale = max_abs(unclamped.data(), out_n);
  if (post) {
    for (size_t i = 0; i < out_n; ++i) want[i] = want[i] * 0.5f - 3.0f;
    scale = scale * 0.5 + 3.0;
  }

  WinogradF32Args args;
  args.s = shape_of(g);
  GuardedFloats packed(static_cast<size_t>(winograd_f32_packed_floats(c.out_c, c.in_c, gemm.nr)));
  pack_winograd_f32(filter.data(), bias ? b.data() : nullptr, c.out_c, c.in_c, gemm.nr, packed.data());
  GuardedFloats scratch(static_cast<size_t>(winograd_f32_scratch_floats(args.s, gemm)));
  GuardedFloats out(out_n);
  args.input = in.data();
  args.packed = packed.data();
  args.output = out.data();
  args.scratch = scratch.data();
  args.min = cl.min, args.max = cl.max;
  if (post) args.post = {&post_step, nullptr};
  const int64_t tiles = winograd_f32_tiles(args.s);
  // Tiles split in two; the first third's channels split again at a panel
  // boundary, the two ways the op's threads divide the work.
  const int64_t split = (c.out_c + gemm.nr - 1) / gemm.nr / 2 * gemm.nr;
  winograd_f32(gemm, wino, args, tiles / 3, tiles);
  winograd_f32(gemm, wino, args, 0, tiles / 3, split, -1);
  winograd_f32(gemm, wino, args, 0, tiles / 3, 0, split);
  if (!packed.guards_intact()) return "packed weights' guard words overwritten";
  if (!out.guards_intact()) return "output guard words overwritten";
  if (!scratch.guards_intact()) return "scratch guard words overwritten";
  return compare(out.data(), want.data(), out_n, scale, 2e-5);
}

TEST(WinogradF32, EveryVariantMatchesReference) {
  std::vector<WinoCase> cases = {
      {1, 8, 8, 16, 16, 1, 1, 1, 1},      // SAME, whole tiles
      {1, 9, 11, 16, 24, 1, 1, 1, 1},     // SAME, partial last tiles
      {1, 10, 7, 5, 3, 0, 0, 0, 0},       // VALID, channels under a vector
      {2, 13, 6, 17, 33, 1, 1, 1, 1},     // batches; channels past vectors and panels
      {1, 6, 14, 40, 70, 1, 0, 0, 1},     // one-sided padding (an explicit PAD folded in)
      {1, 3, 3, 8, 8, 1, 1, 1, 1},        // one tile, mostly padding
      {1, 1, 5, 9, 9, 1, 1, 1, 1},        // one input row
      {1, 28, 28, 64, 64, 1, 1, 1, 1},    // a ResNet stage (several blocks of tiles)
      {1, 14, 14, 128, 48, 1, 1, 1, 1},
      {1, 5, 5, 3, 4, 2, 2, 2, 2},        // padding wider than the filter reaches
  };
  std::mt19937 pick(7);
  for (int i = 0; i < 30; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    cases.push_back({r(1, 2), r(1, 18), r(1, 18), r(1, 40), r(1, 40), r(0, 1), r(0, 1), r(0, 1), r(0, 1)});
  }
  std::vector<std::string> skipped;
  const auto gemms = runnable_or_emulated<GemmF32Kernel>(&skipped);
  const auto winos = runnable<WinogradF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "[ SKIPPED  ] " << s << ", this CPU lacks its ISA\n";
  uint32_t seed = 1;
  for (const auto& w : winos)
    for (const auto& gm : gemms)
      for (const WinoCase& c : cases) {
        const ref::ConvGeometry g = geometry(c);
        if (g.out_h <= 0 || g.out_w <= 0) continue;
        const Clamp cl = clamps()[seed % clamps().size()];
        ASSERT_EQ(run_case(*gm.kernel, *w.kernel, c, cl, seed % 4 != 0, seed % 3 == 0, seed), "")
            << describe(gm.name, w.name, c);
        ++seed;
      }
}

TEST(WinogradF32, SuitableOnlyForLargeStrideOne3x3) {
  // A ResNet50 stage-2 3x3 convolution.
  const ConvF32Shape stage2{1, 28, 28, 128, 28, 28, 128, 3, 3, 1, 1, 1, 1, 1, 1};
  EXPECT_TRUE(winograd_f32_suitable(stage2));
  EXPECT_EQ(winograd_f32_tiles(stage2), 49);
  ConvF32Shape s = stage2;
  s.stride_h = s.stride_w = 2, s.out_h = s.out_w = 14;
  EXPECT_FALSE(winograd_f32_suitable(s));  // strided
  s = stage2;
  s.dilation_h = s.dilation_w = 2;
  EXPECT_FALSE(winograd_f32_suitable(s));  // dilated
  s = stage2;
  s.filter_h = s.filter_w = 5;
  EXPECT_FALSE(winograd_f32_suitable(s));  // not 3x3
  s = stage2;
  s.in_c = 3;
  EXPECT_FALSE(winograd_f32_suitable(s));  // a first layer on RGB
  s = stage2;
  s.in_h = s.in_w = s.out_h = s.out_w = 7;
  EXPECT_FALSE(winograd_f32_suitable(s));  // 4 tiles and 2.4 MB of points' weights
  s.in_c = 128, s.out_c = 32;
  EXPECT_TRUE(winograd_f32_suitable(s));  // 4 tiles, but 0.6 MB: they stay in cache
  s = stage2;
  s.in_h = s.in_w = s.out_h = s.out_w = 2;
  s.in_c = s.out_c = 32;
  EXPECT_FALSE(winograd_f32_suitable(s));  // one tile, 4 of its 16 outputs used
}

}  // namespace
}  // namespace xlite::kernels
