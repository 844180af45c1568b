// SPDX-License-Identifier: Apache-2.0
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED in float32 run src/kernels
// variants on weights packed in prepare (constant weights) or in eval
// (weights computed at run time, e.g. DEQUANTIZE of float16). Both ways must
// agree with the reference kernels; shapes the fast kernels do not cover
// (grouped convolution, depth multiplier > 1) must still run the reference.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernel_harness.h"
#include "ops/common/window.h"
#include "ops/conv_2d/conv_2d_ref.h"
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"
#include "ops/fully_connected/fully_connected_ref.h"

namespace xlite {
namespace {

using testing::KernelHarness;

std::vector<float> random_floats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

// Within 1e-5 of max |want|.
void expect_close(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  double scale = 0;
  for (float w : want) scale = std::max(scale, std::fabs(static_cast<double>(w)));
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_LE(std::fabs(static_cast<double>(got[i]) - want[i]), 1e-5 * scale) << "element " << i;
}

ref::ConvGeometry geometry(std::vector<int32_t> in, std::vector<int32_t> filter, int32_t out_c, int32_t filter_c,
                           int32_t stride, int32_t dilation, int padding) {
  ref::ConvGeometry g{};
  g.batches = in[0], g.in_h = in[1], g.in_w = in[2], g.in_c = in[3];
  g.out_c = out_c, g.filter_h = filter[1], g.filter_w = filter[2], g.filter_c = filter_c;
  g.stride_h = g.stride_w = stride;
  g.dilation_h = g.dilation_w = dilation;
  g.out_h = window::out_size(padding, g.in_h, g.filter_h, stride, dilation);
  g.out_w = window::out_size(padding, g.in_w, g.filter_w, stride, dilation);
  g.pad_h = window::pad_before(g.in_h, g.filter_h, stride, dilation, g.out_h);
  g.pad_w = window::pad_before(g.in_w, g.filter_w, stride, dilation, g.out_w);
  return g;
}

void set_window(KernelHarness& h, int32_t stride, int32_t dilation, int padding, int act) {
  h.attrs().set("padding", int64_t{padding});
  h.attrs().set("stride_h", int64_t{stride});
  h.attrs().set("stride_w", int64_t{stride});
  h.attrs().set("dilation_h_factor", int64_t{dilation});
  h.attrs().set("dilation_w_factor", int64_t{dilation});
  h.attrs().set("fused_activation_function", int64_t{act});
}

struct ConvCase {
  std::vector<int32_t> in, filter;  // filter [O, KH, KW, C/groups]
  int32_t stride, dilation;
  int padding, act;  // act: 0 none, 1 RELU, 3 RELU6
};

void check_conv(const ConvCase& c, bool constant_weights) {
  const int32_t out_c = c.filter[0], filter_c = c.filter[3];
  const auto in = random_floats(c.in[0] * c.in[1] * c.in[2] * c.in[3], 1);
  const auto w = random_floats(out_c * c.filter[1] * c.filter[2] * filter_c, 2);
  const auto b = random_floats(out_c, 3);
  KernelHarness h(OpKind::CONV_2D);
  h.input<float>(DType::kFloat32, c.in, in)
      .input<float>(DType::kFloat32, c.filter, w, 0, 0, constant_weights)
      .input<float>(DType::kFloat32, {out_c}, b, 0, 0, constant_weights)
      .output(DType::kFloat32);
  set_window(h, c.stride, c.dilation, c.padding, c.act);
  ASSERT_TRUE(h.run().ok());
  const ref::ConvGeometry g = geometry(c.in, c.filter, out_c, filter_c, c.stride, c.dilation, c.padding);
  std::vector<float> want(static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c);
  float lo = -INFINITY, hi = INFINITY;
  if (c.act == 1) lo = 0;
  if (c.act == 3) lo = 0, hi = 6;
  ref::conv_2d_float(g, in.data(), w.data(), b.data(), lo, hi, want.data());
  expect_close(h.out<float>(), want);
}

TEST(FastFloatOps, Conv2dMatchesReference) {
  const ConvCase cases[] = {
      {{1, 9, 7, 5}, {6, 3, 3, 5}, 2, 1, window::kSame, 3},     // im2col, stride 2
      {{2, 6, 6, 17}, {33, 1, 1, 17}, 1, 1, window::kValid, 0},  // 1x1: direct GEMM
      {{1, 8, 8, 4}, {7, 3, 3, 4}, 1, 2, window::kSame, 1},      // dilation
      {{1, 10, 10, 8}, {10, 3, 3, 4}, 1, 1, window::kSame, 0},   // groups = 2: reference
      {{1, 18, 17, 24}, {32, 3, 3, 24}, 1, 1, window::kSame, 3}, // Winograd F(4x4, 3x3)
      {{2, 13, 14, 16}, {20, 3, 3, 16}, 1, 1, window::kValid, 1},  // Winograd, batches
  };
  for (const ConvCase& c : cases) {
    check_conv(c, true);
    check_conv(c, false);
  }
}

void check_depthwise(std::vector<int32_t> in_shape, int32_t mult, int32_t k, int32_t stride, bool constant_weights) {
  const int32_t c = in_shape[3], out_c = c * mult;
  const auto in = random_floats(in_shape[0] * in_shape[1] * in_shape[2] * c, 4);
  const auto w = random_floats(k * k * out_c, 5);
  const auto b = random_floats(out_c, 6);
  KernelHarness h(OpKind::DEPTHWISE_CONV_2D);
  h.input<float>(DType::kFloat32, in_shape, in)
      .input<float>(DType::kFloat32, {1, k, k, out_c}, w, 0, 0, constant_weights)
      .input<float>(DType::kFloat32, {out_c}, b, 0, 0, constant_weights)
      .output(DType::kFloat32);
  set_window(h, stride, 1, window::kSame, 3);
  ASSERT_TRUE(h.run().ok());
  ref::ConvGeometry g = geometry(in_shape, {1, k, k, out_c}, out_c, 1, stride, 1, window::kSame);
  std::vector<float> want(static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.out_c);
  ref::depthwise_conv_2d_float(g, in.data(), w.data(), b.data(), 0, 6, want.data());
  expect_close(h.out<float>(), want);
}

TEST(FastFloatOps, DepthwiseConv2dMatchesReference) {
  for (bool constant : {true, false}) {
    check_depthwise({1, 9, 9, 37}, 1, 3, 2, constant);
    check_depthwise({2, 7, 6, 24}, 1, 5, 1, constant);
    check_depthwise({1, 6, 6, 5}, 2, 3, 1, constant);  // multiplier 2: reference
  }
}

TEST(FastFloatOps, FullyConnectedMatchesReference) {
  for (bool constant : {true, false})
    for (int32_t batches : {1, 7}) {
      const int32_t depth = 45, units = 21;
      const auto in = random_floats(batches * depth, 7);
      const auto w = random_floats(units * depth, 8);
      const auto b = random_floats(units, 9);
      KernelHarness h(OpKind::FULLY_CONNECTED);
      h.input<float>(DType::kFloat32, {batches, depth}, in)
          .input<float>(DType::kFloat32, {units, depth}, w, 0, 0, constant)
          .input<float>(DType::kFloat32, {units}, b, 0, 0, constant)
          .output(DType::kFloat32);
      h.attrs().set("fused_activation_function", int64_t{1});
      ASSERT_TRUE(h.run().ok());
      std::vector<float> want(batches * units);
      ref::fully_connected_float(batches, depth, units, in.data(), w.data(), b.data(), 0, INFINITY, want.data());
      expect_close(h.out<float>(), want);
    }
}

}  // namespace
}  // namespace xlite
