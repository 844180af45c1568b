// SPDX-License-Identifier: Apache-2.0
// The float32 fast path of TRANSPOSE_CONV and of MediaPipe's
// Convolution2DTransposeBias (transpose_conv_fast.h) against their
// reference walks, through the executor: random shapes over strides 1 to 3,
// filters 1 to 5, SAME and VALID, channel counts off the vector widths,
// with and without bias, the fused activations, a filter that is a
// constant (packed at prepare) or computed at run time (packed at eval),
// on 1 and 2 threads, into an output buffer poisoned with NaN first.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

#include "runtime/executor.h"

namespace xlite {
namespace {

struct Case {
  int32_t n, ih, iw, ic, oc, kh, kw, sh, sw;
  bool same;
  int extra;  // TRANSPOSE_CONV: output rows/columns past the smallest that fits (< stride)
  int act;    // TRANSPOSE_CONV's fused_activation_function: NONE, RELU, RELU_N1_TO_1, RELU6
  bool bias, const_filter;
};

std::string describe(const Case& c, bool custom, int threads) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s n=%d in=%dx%dx%d out_c=%d filter=%dx%d stride=%d,%d %s extra=%d act=%d bias=%d "
                "const_filter=%d threads=%d", custom ? "Convolution2DTransposeBias" : "TRANSPOSE_CONV", c.n, c.ih, c.iw,
                c.ic, c.oc, c.kh, c.kw, c.sh, c.sw, c.same ? "SAME" : "VALID", c.extra, c.act, c.bias, c.const_filter,
                threads);
  return buf;
}

Tensor tensor(const std::string& name, DType t, std::vector<int32_t> shape) {
  Tensor x;
  x.name = name;
  x.dtype = t;
  x.shape = std::move(shape);
  return x;
}

template <typename T>
std::span<const uint8_t> own(Model& m, const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  std::memcpy(b.data(), v.data(), b.size());
  return m.own(std::move(b));
}

// One op, its input (and the filter, when not a constant) the graph's
// inputs.
Model make_model(const Case& c, bool custom, const std::vector<float>& filter, const std::vector<float>& bias) {
  Model m;
  Graph g;
  int32_t oh, ow;
  if (custom) {
    // The op's own rule (convolution_2d_transpose_bias.cc).
    const int32_t ph = c.same ? std::max(0, c.kh - (c.ih - 1) % c.sh - 1) : 0;
    const int32_t pw = c.same ? std::max(0, c.kw - (c.iw - 1) % c.sw - 1) : 0;
    oh = c.sh * (c.ih - 1) + c.kh - ph, ow = c.sw * (c.iw - 1) + c.kw - pw;
  } else {
    oh = (c.same ? (c.ih - 1) * c.sh + 1 : (c.ih - 1) * c.sh + c.kh) + c.extra;
    ow = (c.same ? (c.iw - 1) * c.sw + 1 : (c.iw - 1) * c.sw + c.kw) + c.extra;
  }
  Tensor x = tensor("x", DType::kFloat32, {c.n, c.ih, c.iw, c.ic});
  Tensor w = tensor("w", DType::kFloat32, {c.oc, c.kh, c.kw, c.ic});
  if (c.const_filter) w.data = own(m, filter);
  Tensor b = tensor("b", DType::kFloat32, {c.oc});
  b.data = own(m, bias);
  Tensor y = tensor("y", DType::kFloat32, {c.n, oh, ow, c.oc});
  Op op;
  if (custom) {
    g.tensors = {x, w, b, y};
    op.kind = OpKind::CUSTOM;
    op.custom_code = "Convolution2DTransposeBias";
    op.inputs = {0, 1, 2};
    op.outputs = {3};
    const int32_t options[3] = {c.same ? 1 : 2, c.sw, c.sh};
    op.custom_options = own(m, std::vector<int32_t>(options, options + 3));
    g.outputs = {3};
  } else {
    Tensor shape = tensor("shape", DType::kInt32, {4});
    shape.data = own(m, std::vector<int32_t>{c.n, oh, ow, c.oc});
    g.tensors = {x, w, b, y, shape};
    op.kind = OpKind::TRANSPOSE_CONV;
    op.inputs = {4, 1, 0, c.bias ? 2 : -1};
    op.outputs = {3};
    op.attrs.set("padding", int64_t{c.same ? 0 : 1});
    op.attrs.set("stride_h", int64_t{c.sh});
    op.attrs.set("stride_w", int64_t{c.sw});
    op.attrs.set("fused_activation_function", int64_t{c.act});
    g.outputs = {3};
  }
  g.inputs = {0};
  if (!c.const_filter) g.inputs.push_back(1);
  g.ops = {op};
  m.subgraphs.push_back(std::move(g));
  return m;
}

// The op's output, written over NaN.
std::vector<float> run(const Case& c, bool custom, const std::vector<float>& x, const std::vector<float>& w,
                       const std::vector<float>& b, int threads, bool reference) {
  auto ex = Executor::create(std::make_shared<const Model>(make_model(c, custom, w, b)), 0,
                             {.num_threads = threads, .reference_kernels = reference});
  EXPECT_TRUE(ex.ok()) << ex.status().message();
  if (!ex.ok()) return {};
  std::memcpy((*ex)->input(0).data, x.data(), x.size() * sizeof(float));
  if (!c.const_filter) std::memcpy((*ex)->input(1).data, w.data(), w.size() * sizeof(float));
  const RtTensor& y = (*ex)->output(0);
  float* const out = reinterpret_cast<float*>(y.data);
  std::fill(out, out + y.num_elements(), std::nanf(""));
  const Status st = (*ex)->invoke();
  EXPECT_TRUE(st.ok()) << st.message();
  return std::vector<float>(y.as<float>(), y.as<float>() + y.num_elements());
}

std::vector<float> random_floats(std::mt19937& rng, size_t n) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& f : v) f = u(rng);
  return v;
}

std::vector<float> abs_of(std::vector<float> v) {
  for (float& f : v) f = std::fabs(f);
  return v;
}

void check(const Case& c, bool custom, uint32_t seed) {
  std::mt19937 rng(seed);
  const auto x = random_floats(rng, static_cast<size_t>(c.n) * c.ih * c.iw * c.ic);
  const auto w = random_floats(rng, static_cast<size_t>(c.oc) * c.kh * c.kw * c.ic);
  const auto b = random_floats(rng, static_cast<size_t>(c.oc));
  const auto want = run(c, custom, x, w, b, 1, true);
  // Each element's sum of |terms|: what its rounding error scales with.
  Case plain = c;
  plain.act = 0;
  const auto magnitude = run(plain, custom, abs_of(x), abs_of(w), abs_of(b), 1, true);
  for (int threads : {1, 2}) {
    const auto got = run(c, custom, x, w, b, threads, false);
    ASSERT_EQ(got.size(), want.size()) << describe(c, custom, threads);
    for (size_t i = 0; i < want.size(); ++i)
      ASSERT_LE(std::fabs(got[i] - want[i]), 1e-5f * magnitude[i] + 1e-30f)
          << "element " << i << ": got " << got[i] << ", want " << want[i] << "; " << describe(c, custom, threads);
  }
}

TEST(TransposeConvFast, MatchesReferenceOverShapes) {
  std::vector<Case> cases = {
      // MediaPipe's selfie segmentation head, smaller.
      {1, 32, 32, 16, 1, 2, 2, 2, 2, true, 0, 0, true, true},
      {1, 18, 32, 16, 1, 2, 2, 2, 2, true, 1, 1, true, false},
      {2, 9, 7, 24, 17, 3, 3, 2, 2, true, 1, 3, true, true},
      {1, 6, 5, 33, 65, 4, 4, 2, 2, false, 1, 2, false, true},
      {1, 3, 4, 5, 3, 5, 2, 3, 1, false, 0, 1, true, true},
      {1, 1, 1, 3, 2, 1, 1, 1, 1, true, 0, 0, true, true},
      // Large enough that 2 threads split the output rows.
      {1, 64, 64, 16, 1, 2, 2, 2, 2, true, 0, 0, true, true},
      {1, 40, 33, 8, 5, 3, 3, 2, 2, true, 1, 3, true, true},
      {1, 30, 30, 6, 7, 5, 4, 1, 2, false, 0, 1, false, false},
  };
  std::mt19937 pick(17);
  auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(pick); };
  for (int i = 0; i < 40; ++i) {
    Case c{r(1, 2), r(1, 10), r(1, 10), r(1, 20), r(1, 20), r(1, 5), r(1, 5), r(1, 3), r(1, 3), r(0, 1) == 1, 0,
           r(0, 3), r(0, 3) != 0, r(0, 2) != 0};
    c.extra = r(0, std::min(c.sh, c.sw) - 1);
    cases.push_back(c);
  }
  uint32_t seed = 1;
  for (const Case& c : cases)
    for (bool custom : {false, true}) {
      SCOPED_TRACE(describe(c, custom, 0));
      check(c, custom, seed++);
      if (::testing::Test::HasFatalFailure()) return;
    }
}

}  // namespace
}  // namespace xlite
