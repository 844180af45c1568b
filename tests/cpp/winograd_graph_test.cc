// SPDX-License-Identifier: Apache-2.0
// The Winograd F(4x4, 3x3) convolution path (kernels/winograd_f32.h) inside
// compiled graphs: the epilogues fuse_epilogue folds into a convolution run
// on each Winograd tile's rows.
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

using testing::expect_close;
using testing::run;

// A convolution large enough for the Winograd path (kernels/winograd_f32.h)
// with the elementwise consumers fuse_epilogue folds into it (residual ADD
// with a clamp, then PRELU; swish on a second one): the compiled graph, whose
// epilogues run on each Winograd tile's rows, against the same graph run
// op by op, and both against the reference kernels.
TEST(WinogradGraph, ConvolutionKeepsItsFusedEpilogues) {
  std::mt19937 rng(5);
  auto values = [&](size_t n) {
    std::vector<float> v(n);
    for (float& f : v) f = std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
    return v;
  };
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
  auto constant = [&](std::vector<int32_t> shape) {
    const int32_t t = tensor(shape);
    const auto v = values(static_cast<size_t>(*num_elements(shape)));
    std::vector<uint8_t> bytes(v.size() * 4);
    std::memcpy(bytes.data(), v.data(), bytes.size());
    g.tensors[t].data = m.own(std::move(bytes));
    return t;
  };
  auto op = [&](OpKind kind, std::vector<int32_t> ins, std::vector<int32_t> shape, Attrs attrs = {}) {
    const int32_t out = tensor(std::move(shape));
    Op o;
    o.kind = kind;
    o.inputs = std::move(ins);
    o.outputs = {out};
    o.attrs = std::move(attrs);
    g.ops.push_back(std::move(o));
    return out;
  };
  auto conv_attrs = [](int64_t padding) {
    Attrs a;
    a.set("padding", padding);
    a.set("stride_h", int64_t{1});
    a.set("stride_w", int64_t{1});
    a.set("fused_activation_function", int64_t{0});
    return a;
  };
  Attrs relu6;
  relu6.set("fused_activation_function", int64_t{3});
  Attrs none;
  none.set("fused_activation_function", int64_t{0});
  const int32_t x = tensor({1, 18, 17, 24});
  g.inputs.push_back(x);
  // SAME, 32 channels: + a constant residual (RELU6), then PRELU per channel.
  const int32_t c1 = op(OpKind::CONV_2D, {x, constant({32, 3, 3, 24}), constant({32})}, {1, 18, 17, 32}, conv_attrs(0));
  const int32_t a1 = op(OpKind::ADD, {c1, constant({1, 18, 17, 32})}, {1, 18, 17, 32}, relu6);
  const int32_t p1 = op(OpKind::PRELU, {a1, constant({32})}, {1, 18, 17, 32});
  // VALID, 16 channels: swish.
  const int32_t c2 = op(OpKind::CONV_2D, {p1, constant({16, 3, 3, 32}), constant({16})}, {1, 16, 15, 16}, conv_attrs(1));
  const int32_t sig = op(OpKind::LOGISTIC, {c2}, {1, 16, 15, 16});
  g.outputs.push_back(op(OpKind::MUL, {c2, sig}, {1, 16, 15, 16}, none));
  ASSERT_TRUE(verify(m).ok()) << print_model(m);
  const std::vector<float> in = values(18 * 17 * 24);
  std::string err;
  const auto op_by_op = run(m, in, &err);
  ASSERT_TRUE(err.empty()) << err;
  Model compiled = m;
  ASSERT_TRUE(compile(compiled, {}, nullptr).ok());
  // Both convolutions took their consumers in.
  int convs = 0;
  for (const Op& o : compiled.subgraphs[0].ops) {
    EXPECT_EQ(o.kind, OpKind::CONV_2D) << print_model(compiled);
    convs += o.kind == OpKind::CONV_2D;
  }
  EXPECT_EQ(convs, 2);
  const auto fused = run(compiled, in, &err);
  ASSERT_TRUE(err.empty()) << err;
  expect_close(op_by_op, fused, "compiled against op by op");
  auto ref = Executor::create(std::make_shared<const Model>(m), 0, {.reference_kernels = true});
  ASSERT_TRUE(ref.ok());
  std::memcpy((*ref)->input(0).data, in.data(), in.size() * 4);
  ASSERT_TRUE((*ref)->invoke().ok());
  const RtTensor& t = (*ref)->output(0);
  expect_close({std::vector<float>(t.as<float>(), t.as<float>() + t.num_elements())}, fused,
               "compiled against the reference kernels");
}

}  // namespace
}  // namespace xlite
