// SPDX-License-Identifier: Apache-2.0
// The int8 kernels on every variant the CPU can run against the reference
// kernels, bit for bit: CONV_2D (1x1 to 7x7, strides, dilations, SAME and
// VALID padding, channel counts and K off the tiles and odd), FULLY_CONNECTED
// (the 1x1 GEMM path with the double-rounding requantization) and
// DEPTHWISE_CONV_2D (depth multipliers 1 to 4, strides, dilations). Inputs,
// weights, zero points, per-channel multipliers and shifts and the clamp
// are random. Each case runs twice, on outputs filled with two different
// bytes, so an element never written cannot pass; outputs and scratch are
// fenced by guard bytes; row ranges are split.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/buffer.h"
#include "kernels/conv_i8.h"
#include "kernels/kernel_test_util.h"
#include "ops/common/requant_i8.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"
#include "ops/fully_connected/fully_connected_ref.h"
#include "ops/mul/mul_ref.h"

namespace xlite::kernels {
namespace {

using namespace testing;

constexpr size_t kGuard = 64;
constexpr uint8_t kGuardByte = 0xA5;

// n bytes, 64-byte aligned, with guard bytes on both sides.
class GuardedBytes {
 public:
  explicit GuardedBytes(size_t n) : mem_(n + 2 * kGuard), n_(n) {
    std::memset(mem_.data(), kGuardByte, n + 2 * kGuard);
  }
  void fill(uint8_t v) { std::memset(mem_.data() + kGuard, v, n_); }
  uint8_t* data() { return mem_.data() + kGuard; }
  bool guards_intact() const {
    for (size_t i = 0; i < kGuard; ++i)
      if (mem_.data()[i] != kGuardByte || mem_.data()[kGuard + n_ + i] != kGuardByte) return false;
    return true;
  }

 private:
  AlignedArray<uint8_t> mem_;
  size_t n_;
};

struct Quant {
  int32_t in_zp, out_zp, act_min, act_max;
  std::vector<int32_t> multiplier;
  std::vector<int> shift;
  std::vector<double> scale;  // FULLY_CONNECTED
};

Quant random_quant(std::mt19937& rng, int32_t channels, int64_t k) {
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Quant q;
  q.in_zp = r(-128, 127);
  q.out_zp = r(-128, 127);
  // Full range, RELU-like, or a narrow clamp.
  const int kind = r(0, 2);
  q.act_min = kind == 0 ? -128 : kind == 1 ? std::max(q.out_zp, -128) : r(-100, 0);
  q.act_max = kind == 2 ? r(1, 100) : 127;
  // Accumulators reach about 2^14 sqrt(k): multipliers that bring them
  // back to a few hundred, so the outputs spread over the range.
  int base_shift = -4;
  for (int64_t v = 1; v * v < k; v *= 2) --base_shift;
  for (int32_t c = 0; c < channels; ++c) {
    q.multiplier.push_back(static_cast<int32_t>(std::uniform_int_distribution<int64_t>(1 << 30, (1ll << 31) - 1)(rng)));
    q.shift.push_back(base_shift - r(0, 3));
    q.scale.push_back(std::ldexp(std::uniform_real_distribution<double>(0.5, 1.0)(rng), base_shift - r(0, 3)));
  }
  return q;
}

std::vector<int8_t> random_i8(std::mt19937& rng, size_t n) {
  std::uniform_int_distribution<int> u(-128, 127);
  std::vector<int8_t> v(n);
  for (int8_t& x : v) x = static_cast<int8_t>(u(rng));
  return v;
}
std::vector<int32_t> random_bias(std::mt19937& rng, size_t n) {
  std::uniform_int_distribution<int32_t> u(-40000, 40000);
  std::vector<int32_t> v(n);
  for (int32_t& x : v) x = u(rng);
  return v;
}

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

ref::ConvGeometry geometry(const ConvCase& c, int32_t filter_c) {
  ref::ConvGeometry g{};
  g.batches = c.batches, g.in_h = c.in_h, g.in_w = c.in_w, g.in_c = c.in_c;
  g.out_c = c.out_c, g.filter_h = c.filter_h, g.filter_w = c.filter_w, g.filter_c = filter_c;
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

// Runs `kernel(out)` on outputs filled with two different bytes and compares
// both with `want`; checks the guards of out and scratch.
template <class F>
std::string check_output(const std::vector<int8_t>& want, GuardedBytes& out, GuardedBytes& scratch, F&& kernel) {
  for (uint8_t fill : {0x00, 0x7f}) {
    out.fill(fill);
    kernel(reinterpret_cast<int8_t*>(out.data()));
    if (!out.guards_intact()) return "output guard bytes overwritten";
    if (!scratch.guards_intact()) return "scratch guard bytes overwritten";
    for (size_t i = 0; i < want.size(); ++i) {
      const int got = static_cast<int8_t>(out.data()[i]);
      if (got != want[i])
        return "element " + std::to_string(i) + ": got " + std::to_string(got) + ", want " + std::to_string(want[i]) +
               " (output filled with " + std::to_string(fill) + ")";
    }
  }
  return "";
}

std::string run_conv(const Variant<GemmI8Kernel>& v, const ConvCase& c, bool bias, uint32_t seed) {
  std::mt19937 rng(seed);
  const ref::ConvGeometry g = geometry(c, c.in_c);
  const int64_t k = static_cast<int64_t>(c.filter_h) * c.filter_w * c.in_c;
  const auto in = random_i8(rng, static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.in_c);
  const auto filter = random_i8(rng, static_cast<size_t>(c.out_c * k));
  const auto b = random_bias(rng, c.out_c);
  const Quant q = random_quant(rng, c.out_c, k);
  const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c;
  std::vector<int8_t> want(out_n);
  ref::conv_2d_quantized<int8_t, int8_t>(g, in.data(), -q.in_zp, filter.data(), 0, bias ? b.data() : nullptr,
                                         q.multiplier.data(), q.shift.data(), q.out_zp, q.act_min, q.act_max,
                                         want.data(), &quant::multiply_by_quantized_multiplier);
  const GemmI8Kernel& gemm = *v.kernel;
  AlignedArray<int8_t> packed(static_cast<size_t>(gemm_i8_packed_bytes(c.out_c, k, gemm)));
  pack_gemm_i8(gemm, filter.data(), k, bias ? b.data() : nullptr, c.out_c, k, q.in_zp, packed.data());
  ops::ConvRequantI8 rq;
  rq.init(q.multiplier, q.shift, q.out_zp, q.act_min, q.act_max);
  Conv2dI8Args args;
  args.s = shape_of(g);
  GuardedBytes scratch(static_cast<size_t>(conv2d_i8_scratch_bytes(args.s, gemm)));
  GuardedBytes out(out_n);
  args.input = in.data();
  args.input_zero_point = q.in_zp;
  args.packed = packed.data();
  args.scratch = scratch.data();
  args.requant = rq.callback();
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h * g.out_w;
  return check_output(want, out, scratch, [&](int8_t* o) {
    args.output = o;
    // Rows split in two, the first third's columns again at a panel
    // boundary: both ways the op's threads divide the work.
    const int64_t split = (args.s.out_c + gemm.nr - 1) / gemm.nr / 2 * gemm.nr;
    conv2d_i8(gemm, args, rows / 3, rows);
    conv2d_i8(gemm, args, 0, rows / 3, split, -1);
    conv2d_i8(gemm, args, 0, rows / 3, 0, split);
  });
}

TEST(ConvI8, EveryGemmVariantMatchesReferenceConv) {
  const int kSame = window::kSame, kValid = window::kValid;
  std::vector<ConvCase> cases = {
      {1, 5, 7, 3, 17, 1, 1, 1, 1, 1, 1, kValid},
      {2, 4, 4, 16, 33, 1, 1, 1, 1, 1, 1, kSame},
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, kValid},
      {1, 7, 9, 8, 24, 1, 1, 2, 2, 1, 1, kSame},
      {1, 17, 17, 3, 32, 3, 3, 2, 2, 1, 1, kSame},  // MobileNet-like first layer
      {1, 16, 16, 3, 32, 3, 3, 2, 2, 1, 1, kSame},
      {1, 9, 11, 16, 16, 3, 3, 1, 1, 1, 1, kSame},
      {2, 6, 5, 7, 9, 3, 3, 1, 1, 1, 1, kValid},
      {1, 12, 10, 4, 20, 5, 5, 2, 2, 1, 1, kSame},
      {1, 10, 10, 6, 13, 3, 3, 1, 1, 2, 2, kSame},
      {1, 14, 9, 6, 13, 3, 2, 2, 1, 3, 1, kSame},
      {1, 5, 5, 3, 4, 7, 7, 1, 1, 1, 1, kSame},  // filter larger than the input
      {1, 2, 2, 40, 70, 3, 3, 1, 1, 1, 1, kSame},
      {1, 2, 2, 3, 4, 3, 3, 1, 1, 1, 1, kValid},  // empty output
      {1, 7, 7, 256, 40, 3, 3, 1, 1, 1, 1, kSame},
      {1, 3, 3, 1280, 20, 1, 1, 1, 1, 1, 1, kValid},  // K past the scratch block
  };
  std::mt19937 pick(7);
  for (int i = 0; i < 80; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    cases.push_back({r(1, 2), r(1, 12), r(1, 12), r(1, 21), r(1, 41), r(1, 5), r(1, 5), r(1, 3), r(1, 3), r(1, 2),
                     r(1, 2), r(0, 1)});
  }
  uint32_t seed = 1;
  for (const auto& v : runnable_or_emulated<GemmI8Kernel>())
    for (const ConvCase& c : cases) {
      ASSERT_EQ(run_conv(v, c, seed % 4 != 0, seed), "") << describe(v.name, c);
      ++seed;
    }
}

std::string run_fc(const Variant<GemmI8Kernel>& v, int32_t batches, int32_t depth, int32_t units, bool bias,
                   uint32_t seed) {
  std::mt19937 rng(seed);
  const auto in = random_i8(rng, static_cast<size_t>(batches) * depth);
  const auto w = random_i8(rng, static_cast<size_t>(units) * depth);
  const auto b = random_bias(rng, units);
  const Quant q = random_quant(rng, units, depth);
  std::vector<int8_t> want(static_cast<size_t>(batches) * units);
  ref::fully_connected_quantized<int8_t, int8_t>(batches, depth, units, in.data(), -q.in_zp, w.data(), 0,
                                                 bias ? b.data() : nullptr, q.scale.data(), q.out_zp, q.act_min,
                                                 q.act_max, want.data());
  const GemmI8Kernel& gemm = *v.kernel;
  AlignedArray<int8_t> packed(static_cast<size_t>(gemm_i8_packed_bytes(units, depth, gemm)));
  pack_gemm_i8(gemm, w.data(), depth, bias ? b.data() : nullptr, units, depth, q.in_zp, packed.data());
  ops::FcRequantI8 rq{q.scale.data(), q.out_zp, q.act_min, q.act_max};
  Conv2dI8Args args;
  args.s = {1, 1, batches, depth, 1, batches, units, 1, 1, 1, 1, 1, 1, 0, 0};
  GuardedBytes scratch(static_cast<size_t>(conv2d_i8_scratch_bytes(args.s, gemm)));
  GuardedBytes out(want.size());
  args.input = in.data();
  args.input_zero_point = q.in_zp;
  args.packed = packed.data();
  args.scratch = scratch.data();
  args.requant = rq.callback();
  return check_output(want, out, scratch, [&](int8_t* o) {
    args.output = o;
    const int64_t split = (args.s.out_c + gemm.nr - 1) / gemm.nr / 2 * gemm.nr;
    conv2d_i8(gemm, args, batches / 2, batches);
    conv2d_i8(gemm, args, 0, batches / 2, split, -1);
    conv2d_i8(gemm, args, 0, batches / 2, 0, split);
  });
}

TEST(ConvI8, EveryGemmVariantMatchesReferenceFullyConnected) {
  struct FcCase {
    int32_t batches, depth, units;
  };
  std::vector<FcCase> cases = {{1, 1, 1}, {1, 1280, 1000}, {3, 17, 9}, {7, 64, 16}, {13, 33, 31}, {1, 5, 40}};
  std::mt19937 pick(3);
  for (int i = 0; i < 40; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    cases.push_back({r(1, 9), r(1, 300), r(1, 70)});
  }
  uint32_t seed = 100;
  for (const auto& v : runnable_or_emulated<GemmI8Kernel>())
    for (const FcCase& c : cases) {
      ASSERT_EQ(run_fc(v, c.batches, c.depth, c.units, seed % 3 != 0, seed), "")
          << v.name << " batches=" << c.batches << " depth=" << c.depth << " units=" << c.units;
      ++seed;
    }
}

std::string run_dw(const Variant<DwConvI8Kernel>& v, const ConvCase& c, bool bias, uint32_t seed) {
  std::mt19937 rng(seed);
  const ref::ConvGeometry g = geometry(c, 1);
  const int64_t taps = static_cast<int64_t>(c.filter_h) * c.filter_w;
  const auto in = random_i8(rng, static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.in_c);
  const auto filter = random_i8(rng, static_cast<size_t>(c.out_c * taps));
  const auto b = random_bias(rng, c.out_c);
  const Quant q = random_quant(rng, c.out_c, taps);
  const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c;
  std::vector<int8_t> want(out_n);
  ref::depthwise_conv_2d_quantized<int8_t, int8_t>(g, in.data(), -q.in_zp, filter.data(), 0,
                                                   bias ? b.data() : nullptr, q.multiplier.data(), q.shift.data(),
                                                   q.out_zp, q.act_min, q.act_max, want.data(),
                                                   &quant::multiply_by_quantized_multiplier);
  AlignedArray<int16_t> packed(static_cast<size_t>(dwconv_i8_packed_elems(c.out_c, taps, *v.kernel)));
  pack_dwconv_i8(*v.kernel, filter.data(), bias ? b.data() : nullptr, c.out_c, taps, packed.data());
  ops::ConvRequantI8 rq;
  rq.init(q.multiplier, q.shift, q.out_zp, q.act_min, q.act_max);
  DwConvI8Args args;
  args.s = shape_of(g);
  GuardedBytes scratch(static_cast<size_t>(v.kernel->scratch_bytes(args.s)));
  GuardedBytes out(out_n);
  args.input = in.data();
  args.input_zero_point = q.in_zp;
  args.packed = packed.data();
  args.scratch = scratch.data();
  args.requant = rq.callback();
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h;
  return check_output(want, out, scratch, [&](int8_t* o) {
    args.output = o;
    v.kernel->run(args, rows / 2, rows);
    v.kernel->run(args, 0, rows / 2);
  });
}

TEST(ConvI8, EveryDepthwiseVariantMatchesReference) {
  const int kSame = window::kSame, kValid = window::kValid;
  // out_c = in_c * depth multiplier.
  std::vector<ConvCase> cases = {
      {1, 8, 8, 16, 16, 3, 3, 1, 1, 1, 1, kSame},     {1, 9, 9, 32, 32, 3, 3, 2, 2, 1, 1, kSame},
      {2, 7, 6, 5, 5, 3, 3, 1, 1, 1, 1, kValid},      {1, 6, 6, 3, 6, 3, 3, 1, 1, 1, 1, kSame},
      {1, 7, 7, 8, 24, 5, 5, 2, 2, 1, 1, kSame},      {1, 10, 10, 17, 17, 3, 3, 1, 1, 2, 2, kSame},
      {1, 5, 9, 1, 4, 2, 3, 1, 2, 1, 1, kSame},       {1, 3, 3, 40, 40, 7, 7, 1, 1, 1, 1, kSame},
      {1, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, kValid},  // empty output
      {1, 1, 1, 33, 33, 1, 1, 1, 1, 1, 1, kValid},
      {1, 6, 7, 48, 48, 3, 3, 1, 1, 1, 1, kSame},  // 16 channels past a 32-channel block
      {1, 5, 5, 72, 144, 3, 3, 2, 2, 1, 1, kSame},
  };
  std::mt19937 pick(5);
  for (int i = 0; i < 80; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
    const int in_c = r(1, 40), mult = r(0, 2) == 0 ? r(2, 4) : 1;
    cases.push_back({r(1, 2), r(1, 12), r(1, 12), in_c, in_c * mult, r(1, 5), r(1, 5), r(1, 3), r(1, 3), r(1, 2),
                     r(1, 2), r(0, 1)});
  }
  uint32_t seed = 1000;
  for (const auto& v : runnable_or_emulated<DwConvI8Kernel>())
    for (const ConvCase& c : cases) {
      ASSERT_EQ(run_dw(v, c, seed % 4 != 0, seed), "") << describe(v.name, c);
      ++seed;
    }
}

// Every requantization variant against quant::multiply_by_quantized_multiplier
// over accumulators of every magnitude, shifts left and right, and outputs
// spread around the int8 range (offsets near the edges too).
TEST(ConvI8, EveryRequantVariantMatchesReference) {
  std::mt19937 rng(42);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (const auto& v : runnable<RequantI8Kernel>())
    for (int trial = 0; trial < 300; ++trial) {
      const int n = r(1, 80), rows = r(1, 20);
      std::vector<int32_t> multiplier(n), left(n + 8), right(n + 8);
      std::vector<int> shift(n);
      for (int j = 0; j < n; ++j) {
        // Multipliers with few low bits make the high multiply land on
        // exact halves (ties) for many small accumulators.
        const int kind = r(0, 2);
        multiplier[j] = trial % 50 == 0 && j == 0 ? 0
                        : kind == 0 ? (1 << 30) + (r(0, 7) << 27)
                                    : static_cast<int32_t>(
                                          std::uniform_int_distribution<int64_t>(1 << 30, (1ll << 31) - 1)(rng));
        shift[j] = r(0, 4) == 0 ? r(0, 31) : -r(0, 31);
        left[j] = std::max(shift[j], 0);
        right[j] = std::max(-shift[j], 0);
      }
      multiplier.resize(n + 8, 0);
      std::vector<int32_t> acc(static_cast<size_t>(rows) * n);
      for (int32_t& x : acc) {
        const int kind = r(0, 9);
        x = kind == 0   ? INT32_MIN
            : kind == 1 ? INT32_MAX
            : kind < 5  ? r(-4096, 4096)
                        : static_cast<int32_t>(rng()) >> r(0, 31);
      }
      RequantChannelsI8 q{multiplier.data(), left.data(), right.data(), r(-128, 127), -128, 127};
      if (trial % 3 == 0) q.act_min = r(-128, 0), q.act_max = r(0, 127);
      std::vector<int8_t> want(acc.size());
      for (size_t i = 0; i < acc.size(); ++i) {
        const int j = static_cast<int>(i % n);
        const int32_t y = quant::multiply_by_quantized_multiplier(acc[i], multiplier[j], shift[j]) + q.output_offset;
        want[i] = static_cast<int8_t>(std::min(std::max(y, q.act_min), q.act_max));
      }
      GuardedBytes out(want.size()), none(0);
      ASSERT_EQ(check_output(want, out, none,
                             [&](int8_t* o) { v.kernel->run(q, acc.data(), n, rows, n, o, n); }),
                "")
          << v.name << " trial " << trial;
    }
}

// Every int8 MUL variant against ref::mul_quantized_one: random codes,
// zero points, multipliers (tie-heavy ones too) and shifts, runs of every
// length around the 32-wide step, each input contiguous or broadcast.
TEST(ConvI8, EveryMulVariantMatchesReference) {
  std::mt19937 rng(77);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (const auto& v : runnable<MulI8Kernel>())
    for (int trial = 0; trial < 400; ++trial) {
      ref::MulParams q;
      q.in1_offset = -r(-128, 127), q.in2_offset = -r(-128, 127), q.out_offset = r(-128, 127);
      q.multiplier = r(0, 2) == 0 ? (1 << 30) + (r(0, 7) << 27)
                                  : static_cast<int32_t>(
                                        std::uniform_int_distribution<int64_t>(1 << 30, (1ll << 31) - 1)(rng));
      q.shift = r(0, 5) == 0 ? r(0, 3) : -r(0, 20);
      q.act_min = r(0, 2) == 0 ? r(-128, 0) : -128;
      q.act_max = r(0, 2) == 0 ? r(0, 127) : 127;
      const int n = r(0, 100);
      const int sa = r(0, 3) == 0 ? 0 : 1, sb = r(0, 3) == 0 ? 0 : 1;
      const auto a = random_i8(rng, static_cast<size_t>(n) + 1), b = random_i8(rng, static_cast<size_t>(n) + 1);
      std::vector<int8_t> want(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) want[i] = ref::mul_quantized_one<int8_t>(a[i * sa], b[i * sb], q);
      MulI8Params p{q.in1_offset, q.in2_offset, q.multiplier, std::max(q.shift, 0), std::max(-q.shift, 0),
                    q.out_offset, q.act_min, q.act_max};
      GuardedBytes out(want.size()), none(0);
      ASSERT_EQ(check_output(want, out, none,
                             [&](int8_t* o) { v.kernel->run(p, a.data(), sa, b.data(), sb, o, n); }),
                "")
          << v.name << " trial " << trial << " n=" << n << " sa=" << sa << " sb=" << sb;
    }
}

}  // namespace
}  // namespace xlite::kernels
