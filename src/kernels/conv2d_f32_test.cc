// SPDX-License-Identifier: Apache-2.0
// conv2d_f32 on every GEMM variant the CPU can run against the reference
// CONV_2D: filter sizes 1x1 to 5x5 (square and not), strides, dilations,
// SAME and VALID padding, batches, channel counts off the tiles, the 1x1
// direct path and the im2col path, row ranges split in two and column
// ranges at a panel boundary. Outputs start
// poisoned and are fenced by guard words; so is the scratch.
#include <gtest/gtest.h>

#include "kernels/conv2d_f32.h"
#include "kernels/kernel_test_util.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

struct ConvCase {
  int32_t batches, in_h, in_w, in_c, out_c, filter_h, filter_w, stride_h, stride_w, dilation_h, dilation_w;
  int padding;  // window::kSame or kValid
};

std::string describe(const char* name, const ConvCase& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s n=%d in=%dx%dx%d out_c=%d filter=%dx%d stride=%d,%d dilation=%d,%d %s", name,
                c.batches, c.in_h, c.in_w, c.in_c, c.out_c, c.filter_h, c.filter_w, c.stride_h, c.stride_w,
                c.dilation_h, c.dilation_w, c.padding == window::kSame ? "SAME" : "VALID");
  return buf;
}

ref::ConvGeometry geometry(const ConvCase& c) {
  ref::ConvGeometry g{};
  g.batches = c.batches, g.in_h = c.in_h, g.in_w = c.in_w, g.in_c = c.in_c;
  g.out_c = c.out_c, g.filter_h = c.filter_h, g.filter_w = c.filter_w, g.filter_c = c.in_c;
  g.stride_h = c.stride_h, g.stride_w = c.stride_w, g.dilation_h = c.dilation_h, g.dilation_w = c.dilation_w;
  g.out_h = window::out_size(c.padding, c.in_h, c.filter_h, c.stride_h, c.dilation_h);
  g.out_w = window::out_size(c.padding, c.in_w, c.filter_w, c.stride_w, c.dilation_w);
  g.pad_h = window::pad_before(c.in_h, c.filter_h, c.stride_h, c.dilation_h, g.out_h);
  g.pad_w = window::pad_before(c.in_w, c.filter_w, c.stride_w, c.dilation_w, g.out_w);
  return g;
}

ConvF32Shape shape_of(const ref::ConvGeometry& g) {
  return {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
}

std::string run_case(const Variant<GemmF32Kernel>& v, const ConvCase& c, const Clamp& cl, bool bias, uint32_t seed) {
  std::mt19937 rng(seed);
  const ref::ConvGeometry g = geometry(c);
  const int64_t k = static_cast<int64_t>(c.filter_h) * c.filter_w * c.in_c;
  auto in = random_floats(rng, static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.in_c);
  auto filter = random_floats(rng, static_cast<size_t>(c.out_c * k));
  auto b = random_floats(rng, c.out_c);
  const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c;
  std::vector<float> want(out_n + 1);
  ref::conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, cl.min, cl.max, want.data());
  std::vector<float> unclamped(out_n + 1);
  ref::conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, -INFINITY, INFINITY, unclamped.data());

  const GemmF32Kernel& gemm = *v.kernel;
  Conv2dF32Args args{};
  args.s = shape_of(g);
  GuardedFloats packed(static_cast<size_t>(gemm_f32_packed_floats(c.out_c, k, gemm.nr)));
  pack_gemm_f32(filter.data(), k, bias ? b.data() : nullptr, c.out_c, k, gemm.nr, packed.data());
  // One output channel: also the dot-product layout (GemmF32Args::dot),
  // which the op uses then; alternate between the two by seed.
  GuardedFloats dot(static_cast<size_t>(k + 1));
  if (c.out_c == 1 && seed % 2 == 0) {
    pack_gemm_f32_dot(filter.data(), bias ? b.data() : nullptr, k, dot.data());
    args.dot = dot.data();
  }
  GuardedFloats scratch(static_cast<size_t>(conv2d_f32_scratch_floats(args.s, gemm)));
  GuardedFloats out(out_n);
  args.input = in.data();
  args.packed = packed.data();
  args.output = out.data();
  args.scratch = scratch.data();
  args.min = cl.min, args.max = cl.max;
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h * g.out_w;
  // Rows split in two; the first third's columns split again at a panel
  // boundary, the two ways the op's threads divide the work.
  const int64_t split = (c.out_c + gemm.nr - 1) / gemm.nr / 2 * gemm.nr;
  conv2d_f32(gemm, args, rows / 3, rows);
  conv2d_f32(gemm, args, 0, rows / 3, split, -1);
  conv2d_f32(gemm, args, 0, rows / 3, 0, split);
  if (!out.guards_intact()) return "output guard words overwritten";
  if (!scratch.guards_intact()) return "scratch guard words overwritten";
  if (!dot.guards_intact()) return "dot weights' guard words overwritten";
  return compare(out.data(), want.data(), out_n, max_abs(unclamped.data(), out_n));
}

TEST(Conv2dF32, EveryVariantMatchesReference) {
  const int kSame = window::kSame, kValid = window::kValid;
  std::vector<ConvCase> cases = {
      // 1x1 stride 1: the input is A (direct GEMM)
      {1, 5, 7, 3, 17, 1, 1, 1, 1, 1, 1, kValid},
      {2, 4, 4, 16, 33, 1, 1, 1, 1, 1, 1, kSame},
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, kValid},
      {1, 3, 3, 5, 7, 1, 1, 1, 1, 2, 2, kSame},
      // 1x1 strided: gathered
      {1, 7, 9, 8, 24, 1, 1, 2, 2, 1, 1, kSame},
      {2, 8, 8, 5, 16, 1, 1, 2, 3, 1, 1, kValid},
      // MobileNet-like first layer: 3x3 stride 2 SAME on 3 channels
      {1, 17, 17, 3, 32, 3, 3, 2, 2, 1, 1, kSame},
      {1, 16, 16, 3, 32, 3, 3, 2, 2, 1, 1, kSame},
      // 3x3 stride 1
      {1, 9, 11, 16, 16, 3, 3, 1, 1, 1, 1, kSame},
      {2, 6, 5, 7, 9, 3, 3, 1, 1, 1, 1, kValid},
      {1, 3, 3, 1, 1, 3, 3, 1, 1, 1, 1, kSame},
      // larger and non-square filters, dilation, padding on one side only
      {1, 12, 10, 4, 20, 5, 5, 1, 1, 1, 1, kSame},
      {1, 12, 10, 4, 20, 5, 5, 2, 2, 1, 1, kSame},
      {1, 10, 10, 6, 13, 3, 3, 1, 1, 2, 2, kSame},
      {1, 14, 9, 6, 13, 3, 2, 2, 1, 3, 1, kSame},
      {1, 7, 13, 2, 5, 1, 3, 1, 1, 1, 1, kSame},
      {1, 13, 7, 2, 5, 3, 1, 1, 2, 1, 1, kValid},
      {1, 8, 8, 3, 7, 2, 2, 2, 2, 1, 1, kValid},
      {1, 8, 8, 3, 7, 2, 2, 1, 1, 1, 1, kSame},
      {1, 5, 5, 3, 4, 7, 7, 1, 1, 1, 1, kSame},    // filter larger than the input
      {1, 4, 4, 3, 4, 3, 3, 3, 3, 1, 1, kSame},    // stride equal to the filter
      {1, 2, 2, 40, 70, 3, 3, 1, 1, 1, 1, kSame},  // K = 360, N over two panels
      {3, 5, 6, 9, 31, 3, 3, 2, 1, 1, 2, kSame},
      // empty output (VALID with a filter larger than the input)
      {1, 2, 2, 3, 4, 3, 3, 1, 1, 1, 1, kValid},
      // Rows wide enough for strided runs (small weights): edges and
      // padded rows through pointers, in between one GEMM per output row
      {2, 9, 30, 3, 8, 3, 3, 1, 1, 1, 1, kSame},
      {1, 20, 40, 3, 16, 3, 3, 2, 2, 1, 1, kSame},
      {1, 21, 41, 3, 16, 3, 3, 2, 2, 1, 1, kSame},
      {1, 12, 33, 5, 12, 3, 3, 1, 1, 2, 1, kSame},
      {1, 10, 40, 4, 8, 2, 2, 2, 2, 1, 1, kValid},
      {1, 11, 26, 3, 20, 5, 5, 1, 1, 1, 1, kSame},
      {2, 7, 24, 6, 9, 1, 3, 1, 1, 1, 1, kSame},
      {1, 9, 30, 3, 24, 3, 3, 1, 2, 1, 1, kValid},
      {1, 4, 64, 2, 5, 3, 3, 1, 1, 1, 1, kSame},
      // ResNet-like: K large enough for one-row scratch blocks
      {1, 7, 7, 256, 40, 3, 3, 1, 1, 1, 1, kSame},
  };
  // One output channel (a segmentation head), each twice: once through the
  // dot-product layout, once through the panels (run_case alternates).
  for (const ConvCase& c : std::vector<ConvCase>{{1, 9, 7, 8, 1, 3, 3, 1, 1, 1, 1, kSame},
                                                 {2, 6, 6, 20, 1, 1, 1, 1, 1, 1, 1, kSame},
                                                 {1, 10, 9, 3, 1, 3, 3, 2, 2, 1, 1, kValid},
                                                 {1, 8, 8, 5, 1, 3, 3, 1, 1, 2, 2, kSame},
                                                 {1, 5, 6, 37, 1, 2, 3, 1, 1, 1, 1, kSame}}) {
    cases.push_back(c);
    cases.push_back(c);
  }
  std::mt19937 pick(11);
  // A seeded random sweep on top of the hand-picked cases.
  for (int i = 0; i < 60; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    cases.push_back({r(1, 2), r(1, 12), r(1, 12), r(1, 20), r(1, 40), r(1, 5), r(1, 5), r(1, 3), r(1, 3), r(1, 2),
                     r(1, 2), r(0, 1)});
  }
  std::vector<std::string> skipped;
  const auto vs = runnable_or_emulated<GemmF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "[ SKIPPED  ] " << s << ", this CPU lacks its ISA\n";
  uint32_t seed = 1;
  for (const auto& v : vs)
    for (const ConvCase& c : cases) {
      const Clamp cl = clamps()[seed % clamps().size()];
      ASSERT_EQ(run_case(v, c, cl, seed % 4 != 0, seed), "") << describe(v.name, c);
      ++seed;
    }
}

TEST(Conv2dF32, DirectPathNeedsNoScratch) {
  const ConvF32Shape one{1, 4, 4, 8, 4, 4, 16, 1, 1, 1, 1, 1, 1, 0, 0};
  EXPECT_TRUE(conv2d_f32_is_gemm(one));
  EXPECT_EQ(conv2d_f32_scratch_floats(one, *select<GemmF32Kernel>().kernel), 0);
  ConvF32Shape strided = one;
  strided.stride_h = strided.stride_w = 2;
  strided.out_h = strided.out_w = 2;
  EXPECT_FALSE(conv2d_f32_is_gemm(strided));
  EXPECT_GT(conv2d_f32_scratch_floats(strided, *select<GemmF32Kernel>().kernel), 0);
}

}  // namespace
}  // namespace xlite::kernels
