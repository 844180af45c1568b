// SPDX-License-Identifier: Apache-2.0
// Every depthwise f32 variant the CPU can run against the reference
// DEPTHWISE_CONV_2D (depth multiplier 1): channel counts around the vector
// widths and channel blocks, filters 1x1 to 5x5, strides, dilations, SAME
// and VALID, batches, row ranges split, poisoned outputs and guard words.
#include <gtest/gtest.h>

#include "kernels/kernel_test_util.h"
#include "ops/common/window.h"
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

struct DwCase {
  int32_t batches, in_h, in_w, c, filter_h, filter_w, stride_h, stride_w, dilation_h, dilation_w;
  int padding;
};

std::string describe(const char* name, const DwCase& c) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s n=%d in=%dx%dx%d filter=%dx%d stride=%d,%d dilation=%d,%d %s", name, c.batches,
                c.in_h, c.in_w, c.c, c.filter_h, c.filter_w, c.stride_h, c.stride_w, c.dilation_h, c.dilation_w,
                c.padding == window::kSame ? "SAME" : "VALID");
  return buf;
}

std::string run_case(const Variant<DwConvF32Kernel>& v, const DwCase& c, const Clamp& cl, bool bias, uint32_t seed) {
  std::mt19937 rng(seed);
  ref::ConvGeometry g{};
  g.batches = c.batches, g.in_h = c.in_h, g.in_w = c.in_w, g.in_c = c.c, g.out_c = c.c, g.filter_c = 1;
  g.filter_h = c.filter_h, g.filter_w = c.filter_w, g.stride_h = c.stride_h, g.stride_w = c.stride_w;
  g.dilation_h = c.dilation_h, g.dilation_w = c.dilation_w;
  g.out_h = window::out_size(c.padding, c.in_h, c.filter_h, c.stride_h, c.dilation_h);
  g.out_w = window::out_size(c.padding, c.in_w, c.filter_w, c.stride_w, c.dilation_w);
  g.pad_h = window::pad_before(c.in_h, c.filter_h, c.stride_h, c.dilation_h, g.out_h);
  g.pad_w = window::pad_before(c.in_w, c.filter_w, c.stride_w, c.dilation_w, g.out_w);
  const int64_t taps = static_cast<int64_t>(c.filter_h) * c.filter_w;
  // The input is exactly its size, fenced, so a vector read past the last
  // channel of the last pixel would show up under a sanitizer.
  GuardedFloats in(static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.c);
  const auto in_values = random_floats(rng, in.size());
  std::copy(in_values.begin(), in_values.end(), in.data());
  auto filter = random_floats(rng, static_cast<size_t>(taps * c.c));
  auto b = random_floats(rng, c.c);
  const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c;
  std::vector<float> want(out_n + 1);
  ref::depthwise_conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, cl.min, cl.max, want.data());
  std::vector<float> unclamped(out_n + 1);
  ref::depthwise_conv_2d_float(g, in.data(), filter.data(), bias ? b.data() : nullptr, -INFINITY, INFINITY,
                               unclamped.data());

  GuardedFloats packed(static_cast<size_t>(dwconv_f32_packed_floats(c.c, taps)));
  pack_dwconv_f32(filter.data(), bias ? b.data() : nullptr, c.c, taps, packed.data());
  GuardedFloats out(out_n);
  DwConvF32Args args{};
  args.s = {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
            g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
  args.input = in.data();
  args.packed = packed.data();
  args.output = out.data();
  args.min = cl.min, args.max = cl.max;
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h;
  // The second half into a buffer of just its rows (output_row0), as the
  // depthwise -> pointwise fusion does, then copied into place.
  const int64_t row_floats = static_cast<int64_t>(g.out_w) * g.out_c;
  GuardedFloats part(static_cast<size_t>((rows - rows / 2) * row_floats));
  DwConvF32Args tail = args;
  tail.output = part.data();
  tail.output_row0 = rows / 2;
  v.kernel->run(tail, rows / 2, rows);
  std::copy(part.data(), part.data() + part.size(), out.data() + rows / 2 * row_floats);
  v.kernel->run(args, 0, rows / 2);
  if (!out.guards_intact() || !in.guards_intact() || !packed.guards_intact() || !part.guards_intact())
    return "guard words overwritten";
  return compare(out.data(), want.data(), out_n, max_abs(unclamped.data(), out_n));
}

TEST(DwConvF32, EveryVariantMatchesReference) {
  const int kSame = window::kSame, kValid = window::kValid;
  std::vector<DwCase> cases;
  // Channel counts around 8/16-lane vectors and 4-vector blocks.
  for (int32_t ch : {1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63, 64, 65, 96, 100, 144})
    cases.push_back({1, 7, 6, ch, 3, 3, 1, 1, 1, 1, kSame});
  const std::vector<DwCase> more = {
      {1, 9, 9, 32, 3, 3, 2, 2, 1, 1, kSame},   // MobileNet stride-2
      {1, 8, 8, 32, 3, 3, 2, 2, 1, 1, kSame},   // padding after only
      {2, 6, 7, 19, 3, 3, 1, 1, 1, 1, kValid},  // batches
      {1, 10, 9, 40, 5, 5, 1, 1, 1, 1, kSame},  // EfficientNet 5x5
      {1, 11, 11, 40, 5, 5, 2, 2, 1, 1, kSame},
      {1, 9, 10, 12, 3, 3, 1, 1, 2, 2, kSame},  // dilation
      {1, 12, 8, 5, 3, 2, 1, 2, 3, 1, kSame},
      {1, 5, 5, 16, 1, 1, 1, 1, 1, 1, kValid},   // 1x1 (the pointwise path, as below)
      {1, 7, 5, 8, 1, 1, 1, 1, 1, 1, kValid},    // C divides the vector: flat rows
      {2, 3, 5, 4, 1, 1, 1, 1, 1, 1, kSame},
      {1, 4, 3, 2, 1, 1, 1, 1, 1, 1, kValid},
      {1, 3, 5, 1, 1, 1, 1, 1, 1, 1, kValid},
      {1, 5, 3, 3, 1, 1, 1, 1, 1, 1, kValid},    // lcm(3, lanes) periods
      {1, 7, 9, 6, 1, 1, 1, 1, 1, 1, kValid},
      {2, 5, 7, 12, 1, 1, 1, 1, 1, 1, kValid},
      {1, 3, 7, 5, 1, 1, 1, 1, 1, 1, kValid},    // a long period: per pixel
      {1, 4, 4, 40, 1, 1, 1, 1, 1, 1, kSame},
      {2, 3, 3, 17, 1, 1, 1, 1, 1, 1, kValid},
      {1, 6, 6, 8, 1, 1, 2, 2, 1, 1, kValid},    // 1x1 with stride: the general path
      {1, 3, 3, 16, 7, 7, 1, 1, 1, 1, kSame},    // filter larger than the input
      {1, 2, 2, 16, 3, 3, 1, 1, 1, 1, kValid},   // empty output
      {1, 1, 1, 33, 3, 3, 1, 1, 1, 1, kSame},    // only the centre tap
      {1, 6, 6, 17, 2, 2, 2, 2, 1, 1, kValid},
  };
  cases.insert(cases.end(), more.begin(), more.end());
  std::mt19937 pick(5);
  for (int i = 0; i < 40; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    cases.push_back({r(1, 2), r(1, 10), r(1, 10), r(1, 70), r(1, 5), r(1, 5), r(1, 3), r(1, 3), r(1, 2), r(1, 2),
                     r(0, 1)});
  }
  std::vector<std::string> skipped;
  const auto vs = runnable_or_emulated<DwConvF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "[ SKIPPED  ] " << s << ", this CPU lacks its ISA\n";
  uint32_t seed = 1;
  for (const auto& v : vs)
    for (const DwCase& c : cases) {
      const Clamp cl = clamps()[seed % clamps().size()];
      ASSERT_EQ(run_case(v, c, cl, seed % 4 != 0, seed), "") << describe(v.name, c);
      ++seed;
    }
}

}  // namespace
}  // namespace xlite::kernels
