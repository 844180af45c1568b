// SPDX-License-Identifier: Apache-2.0
// Ops that split their work across the executor's threads (and their fast
// int8 paths) against the same op under --reference-kernels on one thread:
// shapes large enough to be split (the ops' min_chunk), broadcast patterns (squeeze-excite's
// [1,H,W,C] x [1,1,1,C] both ways round, a scalar, a column). Integer
// outputs bit-exact with the reference; float ones within 1e-5 (vectorised
// float kernels round differently); on 2 and 3 threads every output the
// same bytes as on one.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kernel_harness.h"
#include "ops/common/broadcast.h"

namespace xlite {
namespace {

using testing::KernelHarness;

struct Operand {
  std::vector<int32_t> shape;
  float scale = 0;  // 0: float32
  int zero_point = 0;
};

int64_t count(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

template <typename T>
std::vector<T> random_values(std::mt19937& rng, int64_t n) {
  std::vector<T> v(static_cast<size_t>(n));
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<float> u(-4.0f, 4.0f);
    for (T& x : v) x = u(rng);
  } else {
    std::uniform_int_distribution<int> u(std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
    for (T& x : v) x = static_cast<T>(u(rng));
  }
  return v;
}

// Constant inputs after the data (MEAN's axes, PAD's paddings).
using Extra = std::function<void(KernelHarness&)>;

// The op on the given inputs (dtype T) with `threads` threads, fast or
// reference; out_scale/out_zp quantize the output (0: float).
template <typename T>
std::vector<T> run_op(OpKind kind, const std::vector<Operand>& ins, const std::vector<std::vector<T>>& values,
                      DType dtype, float out_scale, int out_zp, int threads, bool reference, const Attrs& attrs,
                      const Extra& extra) {
  KernelHarness h(kind);
  for (size_t i = 0; i < ins.size(); ++i) h.input<T>(dtype, ins[i].shape, values[i], ins[i].scale, ins[i].zero_point);
  if (extra) extra(h);
  h.output(dtype, out_scale, out_zp);
  h.attrs() = attrs;
  h.reference_only(reference).threads(threads);
  const Status st = h.run();
  EXPECT_TRUE(st.ok()) << st.message();
  return h.out<T>();
}

template <typename T>
void check_op(const std::string& what, OpKind kind, const std::vector<Operand>& ins, DType dtype, float out_scale,
              int out_zp, const Attrs& attrs = {}, const Extra& extra = nullptr) {
  std::mt19937 rng(static_cast<uint32_t>(what.size() * 7919));
  std::vector<std::vector<T>> values;
  for (const Operand& o : ins) values.push_back(random_values<T>(rng, count(o.shape)));
  const std::vector<T> ref = run_op<T>(kind, ins, values, dtype, out_scale, out_zp, 1, true, attrs, extra);
  const std::vector<T> one = run_op<T>(kind, ins, values, dtype, out_scale, out_zp, 1, false, attrs, extra);
  ASSERT_EQ(one.size(), ref.size()) << what;
  for (size_t i = 0; i < ref.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      // Vectorised float kernels (LOGISTIC's exp) round differently.
      ASSERT_NEAR(one[i], ref[i], 1e-5 * std::max(1.0f, std::fabs(ref[i]))) << what << ": element " << i;
    } else {
      ASSERT_EQ(+one[i], +ref[i]) << what << ": element " << i;
    }
  }
  // Split across threads: the same bytes as on one.
  for (int threads : {2, 3}) {
    const std::vector<T> got = run_op<T>(kind, ins, values, dtype, out_scale, out_zp, threads, false, attrs, extra);
    ASSERT_EQ(got.size(), one.size()) << what;
    for (size_t i = 0; i < one.size(); ++i)
      ASSERT_EQ(std::memcmp(&got[i], &one[i], sizeof(T)), 0)
          << what << ", " << threads << " threads: element " << i << " got " << +got[i] << " want " << +one[i];
  }
}

// Input-shape pairs for the binary ops: same shapes, the SE broadcast both
// ways round with C on and off the 32-byte step, a scalar, a column, and
// zero-size outputs.
std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> binary_shapes() {
  return {{{1, 112, 112, 24}, {1, 112, 112, 24}}, {{1, 112, 112, 40}, {1, 1, 1, 40}},
          {{1, 1, 1, 40}, {1, 112, 112, 40}},    {{1, 56, 56, 96}, {1, 1, 1, 96}},
          {{1, 100, 100, 30}, {1}},              {{1}, {1, 100, 100, 30}},
          {{1, 250, 250, 5}, {1, 250, 250, 1}},  {{1, 9, 9, 4100}, {1, 1, 1, 4100}},
          {{1, 0, 5, 40}, {1, 1, 1, 40}},        {{3, 0}, {3, 0}}};
}

Attrs with_activation(int64_t act) {
  Attrs a;
  a.set("fused_activation_function", act);
  return a;
}

TEST(ParallelOps, BinaryInt8AndUInt8MatchTheReference) {
  for (OpKind kind : {OpKind::ADD, OpKind::SUB, OpKind::MUL})
    for (const auto& [sa, sb] : binary_shapes()) {
      const std::string what = std::string(op_name(kind)) + " " + bcast::shape_text(sa) + " x " +
                               bcast::shape_text(sb);
      check_op<int8_t>(what + " int8", kind, {{sa, 0.05f, -7}, {sb, 0.03f, 11}}, DType::kInt8, 0.02f, 3,
                       with_activation(1));
      check_op<uint8_t>(what + " uint8", kind, {{sa, 0.05f, 120}, {sb, 0.03f, 131}}, DType::kUInt8, 0.02f, 128,
                        with_activation(0));
    }
}

TEST(ParallelOps, BinaryFloatMatchesTheReference) {
  for (OpKind kind : {OpKind::ADD, OpKind::SUB, OpKind::MUL})
    for (const auto& [sa, sb] : binary_shapes())
      check_op<float>(std::string(op_name(kind)) + " " + bcast::shape_text(sa) + " x " + bcast::shape_text(sb) +
                          " float",
                      kind, {{sa}, {sb}}, DType::kFloat32, 0, 0, with_activation(3));
}

TEST(ParallelOps, UnaryOpsMatchTheReference) {
  const std::vector<int32_t> shape{1, 112, 112, 48};
  check_op<int8_t>("LOGISTIC int8", OpKind::LOGISTIC, {{shape, 0.1f, 5}}, DType::kInt8, 1.0f / 256, -128);
  check_op<uint8_t>("LOGISTIC uint8", OpKind::LOGISTIC, {{shape, 0.1f, 130}}, DType::kUInt8, 1.0f / 256, 0);
  check_op<int8_t>("TANH int8", OpKind::TANH, {{shape, 0.05f, -3}}, DType::kInt8, 1.0f / 128, 0);
  check_op<int8_t>("HARD_SWISH int8", OpKind::HARD_SWISH, {{shape, 0.06f, -20}}, DType::kInt8, 0.04f, -90);
  check_op<uint8_t>("HARD_SWISH uint8", OpKind::HARD_SWISH, {{shape, 0.06f, 100}}, DType::kUInt8, 0.04f, 40);
  check_op<float>("LOGISTIC float", OpKind::LOGISTIC, {{shape}}, DType::kFloat32, 0, 0);
  check_op<float>("HARD_SWISH float", OpKind::HARD_SWISH, {{shape}}, DType::kFloat32, 0, 0);
  check_op<int8_t>("EXP int8", OpKind::EXP, {{shape, 0.02f, 10}}, DType::kInt8, 0.01f, -128);
  check_op<float>("EXP float", OpKind::EXP, {{shape}}, DType::kFloat32, 0, 0);
  check_op<float>("TANH float", OpKind::TANH, {{shape}}, DType::kFloat32, 0, 0);
  Attrs approximate;
  approximate.set("approximate", true);
  check_op<int8_t>("GELU int8", OpKind::GELU, {{shape, 0.03f, 2}}, DType::kInt8, 0.02f, -60, approximate);
  check_op<float>("GELU float", OpKind::GELU, {{shape}}, DType::kFloat32, 0, 0, approximate);
  Attrs alpha;
  alpha.set("alpha", 0.2);
  for (OpKind kind : {OpKind::RELU, OpKind::RELU6, OpKind::RELU_N1_TO_1, OpKind::LEAKY_RELU}) {
    const Attrs& a = kind == OpKind::LEAKY_RELU ? alpha : Attrs{};
    const std::string name(op_name(kind));
    check_op<int8_t>(name + " int8", kind, {{shape, 0.05f, -5}}, DType::kInt8, 0.03f, -100, a);
    check_op<uint8_t>(name + " uint8", kind, {{shape, 0.05f, 128}}, DType::kUInt8, 0.03f, 30, a);
    check_op<float>(name + " float", kind, {{shape}}, DType::kFloat32, 0, 0, a);
  }
}

TEST(ParallelOps, MeanMatchesTheReference) {
  auto axes = [](std::vector<int32_t> a) {
    return [a](KernelHarness& h) { h.input<int32_t>(DType::kInt32, {static_cast<int32_t>(a.size())}, a, 0, 0, true); };
  };
  Attrs keep;
  keep.set("keep_dims", true);
  // H and W of NHWC (squeeze-excite), the last axis, and axes that are not
  // one run (the general walk).
  const std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> cases = {
      {{1, 112, 112, 200}, {1, 2}}, {{2, 30, 30, 40}, {1, 2}}, {{1, 7, 7, 1152}, {1, 2}},
      {{3000, 211}, {1}},           {{4, 50, 6, 40}, {1, 3}},  {{1, 1, 900, 70}, {0, 2}}};
  for (const auto& [shape, ax] : cases) {
    const std::string what = "MEAN " + bcast::shape_text(shape) + " axes " + bcast::shape_text(ax);
    check_op<int8_t>(what + " int8", OpKind::MEAN, {{shape, 0.05f, -7}}, DType::kInt8, 0.02f, 3, keep, axes(ax));
    check_op<uint8_t>(what + " uint8", OpKind::MEAN, {{shape, 0.05f, 130}}, DType::kUInt8, 0.07f, 120, {}, axes(ax));
    check_op<float>(what + " float", OpKind::MEAN, {{shape}}, DType::kFloat32, 0, 0, keep, axes(ax));
  }
}

TEST(ParallelOps, PoolsMatchTheReference) {
  struct Case {
    std::vector<int32_t> shape;
    int64_t filter, stride, padding;
  };
  for (const Case& c : std::vector<Case>{{{1, 224, 224, 16}, 3, 2, 0}, {{2, 120, 110, 24}, 2, 2, 1},
                                         {{1, 113, 111, 32}, 3, 2, 0},
                                         {{1, 35, 35, 64}, 3, 1, 0}, {{3, 20, 20, 8}, 5, 3, 0},
                                         {{1, 19, 17, 100}, 3, 2, 0}, {{1, 6, 6, 3}, 7, 1, 0}}) {
    Attrs a;
    a.set("filter_height", c.filter);
    a.set("filter_width", c.filter);
    a.set("stride_h", c.stride);
    a.set("stride_w", c.stride);
    a.set("padding", c.padding);
    a.set("fused_activation_function", int64_t{1});
    for (OpKind kind : {OpKind::MAX_POOL_2D, OpKind::AVERAGE_POOL_2D}) {
      const std::string what = std::string(op_name(kind)) + " " + bcast::shape_text(c.shape) + " filter " +
                               std::to_string(c.filter) + " stride " + std::to_string(c.stride);
      check_op<int8_t>(what + " int8", kind, {{c.shape, 0.05f, -7}}, DType::kInt8, 0.05f, -7, a);
      check_op<float>(what + " float", kind, {{c.shape}}, DType::kFloat32, 0, 0, a);
    }
  }
}

TEST(ParallelOps, PadMatchesTheReference) {
  auto paddings = [](std::vector<int32_t> p) {
    return [p](KernelHarness& h) {
      h.input<int32_t>(DType::kInt32, {static_cast<int32_t>(p.size() / 2), 2}, p, 0, 0, true);
    };
  };
  check_op<int8_t>("PAD int8 NHWC", OpKind::PAD, {{{1, 112, 112, 24}, 0.05f, -7}}, DType::kInt8, 0.05f, -7, {},
                   paddings({0, 0, 1, 2, 0, 1, 0, 0}));
  check_op<float>("PAD float NHWC", OpKind::PAD, {{{2, 60, 61, 16}}}, DType::kFloat32, 0, 0, {},
                  paddings({1, 0, 3, 3, 2, 1, 0, 5}));
  check_op<float>("PAD float rank 2", OpKind::PAD, {{{500, 300}}}, DType::kFloat32, 0, 0, {},
                  paddings({7, 2, 1, 0}));
}

}  // namespace
}  // namespace xlite
