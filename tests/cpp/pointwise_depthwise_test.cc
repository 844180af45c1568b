// SPDX-License-Identifier: Apache-2.0
// xlite.PointwiseDepthwise (passes/fuse_pointwise_depthwise.cc,
// ops/custom/pointwise_depthwise/): a 1x1 expansion and the depthwise conv
// reading it, compiled into one op that streams the expanded rows through
// a per-thread window. Over random shapes (windows of 1 to 5 rows, strides
// 1 and 2, dilation, SAME and VALID, batches, maps that take many blocks
// and wrap the window's buffer, maps small enough that several threads
// materialise the expansion instead) and epilogues on both parts, the
// compiled graph on 1 to 3 threads must match the graph run op by op and
// the reference kernels.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "compiler/pipeline.h"
#include "ir/text.h"
#include "ir/verify.h"
#include "run_graph.h"
#include "runtime/executor.h"

namespace xlite {
namespace {

struct Case {
  int32_t n, h, w, in_c, c, kh, kw, stride, dilation;
  int64_t padding;  // 0 SAME, 1 VALID
  int pw_act, dw_act;
  int pw_consumer, dw_consumer;  // 0 none, 1 swish, 2 HARD_SWISH, 3 LOGISTIC
  bool second_reader;            // the depthwise output also feeds a MEAN (squeeze-excite)
};

std::string describe(const Case& k) {
  return "n" + std::to_string(k.n) + " " + std::to_string(k.h) + "x" + std::to_string(k.w) + " " +
         std::to_string(k.in_c) + "->" + std::to_string(k.c) + " k" + std::to_string(k.kh) + "x" +
         std::to_string(k.kw) + " s" + std::to_string(k.stride) + " d" + std::to_string(k.dilation) +
         (k.padding == 0 ? " SAME" : " VALID") + " act " + std::to_string(k.pw_act) + "/" +
         std::to_string(k.dw_act) + " epi " + std::to_string(k.pw_consumer) + "/" + std::to_string(k.dw_consumer);
}

// The graph: x -> CONV_2D 1x1 [-> consumer] -> DEPTHWISE_CONV_2D
// [-> consumer] -> y (and MEAN(y) when second_reader). Empty when the
// depthwise output would be empty.
bool build(const Case& k, std::mt19937& rng, Model* out) {
  auto out_size = [&](int32_t n, int32_t kernel) {
    const int32_t eff = (kernel - 1) * k.dilation + 1;
    return k.padding == 0 ? (n + k.stride - 1) / k.stride : (n - eff + k.stride) / k.stride;
  };
  const int32_t oh = out_size(k.h, k.kh), ow = out_size(k.w, k.kw);
  if (oh <= 0 || ow <= 0) return false;
  Model m;
  m.subgraphs.emplace_back();
  Graph& g = m.subgraphs[0];
  g.name = "main";
  auto tensor = [&](std::vector<int32_t> shape) {
    Tensor t;
    t.shape = std::move(shape);
    g.tensors.push_back(std::move(t));
    return static_cast<int32_t>(g.tensors.size() - 1);
  };
  auto constant = [&](std::vector<int32_t> shape, float scale) {
    const int32_t t = tensor(shape);
    std::vector<float> v(static_cast<size_t>(*num_elements(shape)));
    for (float& f : v) f = std::uniform_real_distribution<float>(-scale, scale)(rng);
    std::vector<uint8_t> bytes(v.size() * 4);
    std::memcpy(bytes.data(), v.data(), bytes.size());
    g.tensors[t].data = m.own(std::move(bytes));
    return t;
  };
  auto op = [&](OpKind kind, std::vector<int32_t> ins, std::vector<int32_t> shape, Attrs attrs = {}) {
    const int32_t o = tensor(std::move(shape));
    Op x;
    x.kind = kind;
    x.inputs = std::move(ins);
    x.outputs = {o};
    x.attrs = std::move(attrs);
    g.ops.push_back(std::move(x));
    return o;
  };
  auto consumer = [&](int kind, int32_t t) {
    const std::vector<int32_t> s = g.tensors[t].shape;
    Attrs none;
    none.set("fused_activation_function", int64_t{0});
    switch (kind) {
      case 1: return op(OpKind::MUL, {t, op(OpKind::LOGISTIC, {t}, s)}, s, none);
      case 2: return op(OpKind::HARD_SWISH, {t}, s);
      case 3: return op(OpKind::LOGISTIC, {t}, s);
      default: return t;
    }
  };
  const int32_t x = tensor({k.n, k.h, k.w, k.in_c});
  g.inputs.push_back(x);
  Attrs pa;
  pa.set("padding", int64_t{k.padding});
  pa.set("stride_h", int64_t{1});
  pa.set("stride_w", int64_t{1});
  pa.set("fused_activation_function", int64_t{k.pw_act});
  const float wscale = 1.0f / std::sqrt(static_cast<float>(k.in_c));
  int32_t mid = op(OpKind::CONV_2D, {x, constant({k.c, 1, 1, k.in_c}, wscale), constant({k.c}, 0.5f)},
                   {k.n, k.h, k.w, k.c}, pa);
  mid = consumer(k.pw_consumer, mid);
  Attrs da;
  da.set("padding", int64_t{k.padding});
  da.set("stride_h", int64_t{k.stride});
  da.set("stride_w", int64_t{k.stride});
  da.set("dilation_h_factor", int64_t{k.dilation});
  da.set("dilation_w_factor", int64_t{k.dilation});
  da.set("depth_multiplier", int64_t{1});
  da.set("fused_activation_function", int64_t{k.dw_act});
  int32_t y = op(OpKind::DEPTHWISE_CONV_2D, {mid, constant({1, k.kh, k.kw, k.c}, 0.4f), constant({k.c}, 0.5f)},
                 {k.n, oh, ow, k.c}, da);
  y = consumer(k.dw_consumer, y);
  g.outputs.push_back(y);
  if (k.second_reader) {
    const int32_t axes = tensor({2});
    std::vector<uint8_t> bytes(8);
    const int32_t a[2] = {1, 2};
    std::memcpy(bytes.data(), a, 8);
    g.tensors[axes].dtype = DType::kInt32;
    g.tensors[axes].data = m.own(std::move(bytes));
    Attrs keep;
    keep.set("keep_dims", true);
    g.outputs.push_back(op(OpKind::MEAN, {y, axes}, {k.n, 1, 1, k.c}, keep));
  }
  *out = std::move(m);
  return true;
}

std::vector<std::vector<float>> run_on(const Model& m, const std::vector<float>& x, const ExecutorOptions& o,
                                       std::string* err) {
  auto ex = Executor::create(std::make_shared<const Model>(m), 0, o);
  if (!ex.ok()) {
    *err = ex.status().message();
    return {};
  }
  std::memcpy((*ex)->input(0).data, x.data(), x.size() * 4);
  if (Status st = (*ex)->invoke(); !st.ok()) {
    *err = st.message();
    return {};
  }
  std::vector<std::vector<float>> outs;
  for (int i = 0; i < (*ex)->num_outputs(); ++i) {
    const RtTensor& t = (*ex)->output(i);
    outs.emplace_back(t.as<float>(), t.as<float>() + t.num_elements());
  }
  return outs;
}

int fused_ops(const Model& m) {
  int n = 0;
  for (const Op& o : m.subgraphs[0].ops) n += o.kind == OpKind::CUSTOM && o.custom_code == "xlite.PointwiseDepthwise";
  return n;
}

void check(const Case& k, std::mt19937& rng) {
  Model m;
  if (!build(k, rng, &m)) return;
  ASSERT_TRUE(verify(m).ok()) << describe(k) << "\n" << print_model(m);
  std::vector<float> in(static_cast<size_t>(k.n) * k.h * k.w * k.in_c);
  for (float& f : in) f = std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
  std::string err;
  const auto reference = run_on(m, in, {.reference_kernels = true}, &err);
  ASSERT_TRUE(err.empty()) << describe(k) << ": " << err;
  const auto op_by_op = run_on(m, in, {}, &err);
  ASSERT_TRUE(err.empty()) << describe(k) << ": " << err;
  Model compiled = m;
  ASSERT_TRUE(compile(compiled, {}, nullptr).ok());
  ASSERT_EQ(fused_ops(compiled), 1) << describe(k) << "\n" << print_model(compiled);
  for (int threads : {1, 2, 3}) {
    const auto fused = run_on(compiled, in, {.num_threads = threads}, &err);
    ASSERT_TRUE(err.empty()) << describe(k) << ": " << err;
    const std::string what = describe(k) + ", " + std::to_string(threads) + " threads";
    testing::expect_close(op_by_op, fused, what + ": compiled against op by op");
    testing::expect_close(reference, fused, what + ": compiled against the reference kernels");
  }
  // The fused op's own reference path.
  const auto fused_ref = run_on(compiled, in, {.reference_kernels = true}, &err);
  ASSERT_TRUE(err.empty()) << describe(k) << ": " << err;
  testing::expect_close(reference, fused_ref, describe(k) + ": the fused op's reference path");
}

TEST(PointwiseDepthwise, HandPickedShapes) {
  std::mt19937 rng(11);
  const Case cases[] = {
      // EfficientNetB0's first expansion, scaled down: 3x3/2 SAME, swish on both.
      {1, 40, 40, 16, 96, 3, 3, 2, 1, 0, 0, 0, 1, 1, true},
      // Many blocks, the window's buffer wrapping (wide rows: a few rows a block).
      {1, 37, 30, 24, 200, 3, 3, 1, 1, 0, 3, 3, 0, 0, false},
      {1, 41, 33, 8, 168, 5, 5, 2, 1, 0, 0, 0, 1, 1, true},
      // VALID, dilation, a non-square window.
      {1, 29, 31, 12, 40, 3, 5, 1, 2, 1, 1, 0, 2, 0, false},
      {1, 26, 19, 12, 40, 5, 3, 2, 1, 1, 0, 3, 0, 3, false},
      // 1x1 depthwise (a scale per channel), and batches spanning chunks.
      {2, 17, 9, 5, 12, 1, 1, 1, 1, 0, 0, 1, 0, 0, false},
      {3, 15, 14, 7, 24, 3, 3, 1, 1, 0, 3, 3, 1, 2, true},
      // Small maps: several threads materialise the expansion.
      {1, 7, 7, 32, 192, 5, 5, 1, 1, 0, 0, 0, 1, 1, true},
      {2, 4, 6, 3, 9, 3, 3, 2, 1, 0, 1, 0, 3, 1, false},
      // Padding wider than the map (rows that read only padding).
      {1, 3, 8, 4, 16, 5, 5, 1, 2, 0, 0, 0, 0, 0, false},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(describe(k));
    check(k, rng);
    if (HasFatalFailure()) return;
  }
}

TEST(PointwiseDepthwise, RandomShapes) {
  std::mt19937 rng(12);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int i = 0; i < 60; ++i) {
    Case k;
    k.n = pick(1, 2);
    k.h = pick(1, 40);
    k.w = pick(1, 24);
    k.in_c = pick(1, 20);
    k.c = pick(1, 70);
    const int sizes[] = {1, 3, 5};
    k.kh = sizes[pick(0, 2)];
    k.kw = sizes[pick(0, 2)];
    k.stride = pick(1, 2);
    k.dilation = pick(0, 3) == 0 ? 2 : 1;
    k.padding = pick(0, 1);
    const int acts[] = {0, 1, 3};
    k.pw_act = acts[pick(0, 2)];
    k.dw_act = acts[pick(0, 2)];
    k.pw_consumer = pick(0, 3);
    k.dw_consumer = pick(0, 3);
    k.second_reader = pick(0, 1) == 1;
    SCOPED_TRACE(describe(k));
    check(k, rng);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace xlite
