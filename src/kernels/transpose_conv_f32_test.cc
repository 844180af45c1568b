// SPDX-License-Identifier: Apache-2.0
// transpose_conv_f32 on every GEMM variant the CPU can run (or its
// emulation) against the reference TRANSPOSE_CONV walk: filters 1x1 to 5x5
// (square and not), strides 1 to 3 (taps that overlap, tile or leave gaps),
// any padding and output size (rows and columns the filter never reaches),
// channel counts off the tiles, batches, with and without bias, the clamps
// of the fused activations, and the output rows split the ways threads
// split them. Outputs start poisoned and are fenced by guard words; so are
// the scratch and the packed filter.
#include "kernels/transpose_conv_f32.h"

#include <gtest/gtest.h>

#include "kernels/kernel_test_util.h"
#include "ops/transpose_conv/transpose_conv_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

std::string describe(const char* name, const TransposeConvF32Shape& s, bool bias, const Clamp& cl) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "%s n=%d in=%dx%dx%d out=%dx%dx%d filter=%dx%d stride=%d,%d pad=%d,%d bias=%d clamp=[%g,%g]", name,
                s.batches, s.in_h, s.in_w, s.in_c, s.out_h, s.out_w, s.out_c, s.filter_h, s.filter_w, s.stride_h,
                s.stride_w, s.pad_h, s.pad_w, bias, cl.min, cl.max);
  return buf;
}

// The reference: the scatter walk, then bias and clamp per element.
std::vector<float> reference(const TransposeConvF32Shape& s, const std::vector<float>& in,
                             const std::vector<float>& filter, const float* bias, float lo, float hi) {
  const ref::TransposeConvGeometry g{s.batches, s.in_h,     s.in_w,     s.in_c,     s.out_h, s.out_w, s.out_c,
                                     s.filter_h, s.filter_w, s.stride_h, s.stride_w, s.pad_h, s.pad_w};
  std::vector<float> y(static_cast<size_t>(s.batches) * s.out_h * s.out_w * s.out_c);
  ref::transpose_conv_accumulate<float, float, float>(g, in.data(), 0.0f, filter.data(), y.data());
  for (size_t i = 0; i < y.size(); ++i) {
    const float v = y[i] + (bias ? bias[i % s.out_c] : 0.0f);
    y[i] = std::min(std::max(v, lo), hi);
  }
  return y;
}

// `parts` ranges of output rows, as parallel_for cuts them.
std::string run_case(const Variant<GemmF32Kernel>& v, const TransposeConvF32Shape& s, const Clamp& cl, bool bias,
                     int parts, uint32_t seed) {
  std::mt19937 rng(seed);
  const GemmF32Kernel& gemm = *v.kernel;
  auto in = random_floats(rng, static_cast<size_t>(s.batches) * s.in_h * s.in_w * s.in_c);
  auto filter = random_floats(rng, static_cast<size_t>(s.out_c) * s.filter_h * s.filter_w * s.in_c);
  auto b = random_floats(rng, s.out_c);
  const std::vector<float> want = reference(s, in, filter, bias ? b.data() : nullptr, cl.min, cl.max);
  const std::vector<float> unclamped = reference(s, in, filter, bias ? b.data() : nullptr, -INFINITY, INFINITY);

  GuardedFloats packed(static_cast<size_t>(transpose_conv_f32_packed_floats(s, gemm)));
  pack_transpose_conv_f32(s, gemm, filter.data(), packed.data());
  GuardedFloats out(want.size());
  TransposeConvF32Args args;
  args.s = s;
  args.input = in.data();
  args.packed = packed.data();
  args.bias = bias ? b.data() : nullptr;
  args.output = out.data();
  args.min = cl.min, args.max = cl.max;
  const int64_t rows = static_cast<int64_t>(s.batches) * s.out_h;
  std::vector<GuardedFloats> scratch;
  for (int p = 0; p < parts; ++p)
    scratch.emplace_back(static_cast<size_t>(transpose_conv_f32_scratch_floats(s, gemm)));
  // Last range first: no range may lean on another having run.
  for (int p = parts - 1; p >= 0; --p) {
    TransposeConvF32Args a = args;
    a.scratch = scratch[p].data();
    transpose_conv_f32(gemm, a, rows * p / parts, rows * (p + 1) / parts);
  }
  if (!out.guards_intact()) return "output guard words overwritten";
  if (!packed.guards_intact()) return "packed filter guard words overwritten";
  for (const GuardedFloats& sc : scratch)
    if (!sc.guards_intact()) return "scratch guard words overwritten";
  return compare(out.data(), want.data(), want.size(), max_abs(unclamped.data(), unclamped.size()));
}

// TRANSPOSE_CONV's geometry: the output size a forward convolution with
// this padding maps back to the input size, and its padding before.
TransposeConvF32Shape tflite_shape(int32_t n, int32_t ih, int32_t iw, int32_t ic, int32_t oc, int32_t kh, int32_t kw,
                                   int32_t sh, int32_t sw, bool same) {
  TransposeConvF32Shape s{n, ih, iw, ic, 0, 0, oc, kh, kw, sh, sw, 0, 0};
  s.out_h = same ? ih * sh : (ih - 1) * sh + kh;
  s.out_w = same ? iw * sw : (iw - 1) * sw + kw;
  s.pad_h = std::max(0, (ih - 1) * sh + kh - s.out_h) / 2;
  s.pad_w = std::max(0, (iw - 1) * sw + kw - s.out_w) / 2;
  return s;
}

TEST(TransposeConvF32, EveryVariantMatchesReference) {
  std::vector<TransposeConvF32Shape> cases = {
      // MediaPipe's selfie segmentation head, smaller: 2x2 stride 2, O = 1
      tflite_shape(1, 16, 16, 16, 1, 2, 2, 2, 2, true),
      tflite_shape(1, 9, 16, 16, 1, 2, 2, 2, 2, false),
      // decoder-like: 3x3 and 4x4 stride 2 (overlapping taps), many channels
      tflite_shape(1, 6, 7, 24, 17, 3, 3, 2, 2, true),
      tflite_shape(2, 5, 4, 9, 40, 4, 4, 2, 2, true),
      tflite_shape(1, 4, 4, 40, 70, 3, 3, 1, 1, true),  // N = 630: several panels
      tflite_shape(1, 7, 5, 3, 5, 5, 5, 1, 1, false),
      tflite_shape(1, 5, 6, 4, 3, 1, 1, 1, 1, true),    // plain GEMM
      tflite_shape(1, 5, 6, 4, 3, 1, 1, 3, 3, true),    // gaps between taps
      tflite_shape(1, 5, 6, 4, 3, 2, 1, 3, 2, false),
      tflite_shape(1, 1, 1, 1, 1, 1, 1, 1, 1, true),
      tflite_shape(1, 1, 1, 7, 9, 3, 5, 2, 3, true),
      tflite_shape(3, 3, 2, 11, 2, 5, 2, 3, 1, true),
      // K large enough for blocks of one tile of rows
      {1, 3, 3, 300, 150, 3, 3, 1, 1, 1, 1, 1, 1},
      // Padding past the filter and outputs the filter never reaches.
      {1, 4, 4, 3, 2, 2, 2, 2, 2, 3, 1, 5, 11},
      {1, 4, 4, 3, 2, 3, 3, 1, 1, 1, 0, 4, 4},
  };
  std::mt19937 pick(5);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
  // A seeded random sweep: TRANSPOSE_CONV's geometry, then any geometry.
  for (int i = 0; i < 60; ++i)
    cases.push_back(tflite_shape(r(1, 2), r(1, 12), r(1, 12), r(1, 20), r(1, 20), r(1, 5), r(1, 5), r(1, 3), r(1, 3),
                                 r(0, 1) == 1));
  for (int i = 0; i < 30; ++i) {
    TransposeConvF32Shape s{r(1, 2), r(1, 9), r(1, 9), r(1, 20), 0, 0, r(1, 20), r(1, 5), r(1, 5), r(1, 3), r(1, 3),
                            0, 0};
    s.out_h = r(1, (s.in_h - 1) * s.stride_h + s.filter_h + 2);
    s.out_w = r(1, (s.in_w - 1) * s.stride_w + s.filter_w + 2);
    s.pad_h = r(0, s.filter_h + 1);
    s.pad_w = r(0, s.filter_w + 1);
    cases.push_back(s);
  }
  std::vector<std::string> skipped;
  const auto vs = runnable_or_emulated<GemmF32Kernel>(&skipped);
  for (const std::string& s : skipped) std::cout << "[ SKIPPED  ] " << s << ", this CPU lacks its ISA\n";
  uint32_t seed = 1;
  for (const auto& v : vs)
    for (const TransposeConvF32Shape& s : cases) {
      const Clamp cl = clamps()[seed % clamps().size()];
      const bool bias = seed % 4 != 0;
      const int parts = 1 + static_cast<int>(seed % 3);
      ASSERT_EQ(run_case(v, s, cl, bias, parts, seed), "") << describe(v.name, s, bias, cl) << " parts=" << parts;
      ++seed;
    }
}

// Every output row split into its own range: each computes the input rows
// that reach it again, and a row with no taps at all still gets the bias.
TEST(TransposeConvF32, OneRowPerRange) {
  const TransposeConvF32Shape s = tflite_shape(2, 5, 4, 6, 3, 4, 3, 3, 2, true);
  for (const auto& v : runnable_or_emulated<GemmF32Kernel>())
    EXPECT_EQ(run_case(v, s, clamps()[2], true, 2 * s.out_h, 9), "") << v.name;
}

}  // namespace
}  // namespace xlite::kernels
