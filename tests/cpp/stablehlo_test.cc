// SPDX-License-Identifier: Apache-2.0
// The StableHLO emitter: type and constant printing, the module's shape,
// and its errors. Whether the text compiles and computes the right thing is
// tests/python/test_stablehlo.py (XLA and IREE against LiteRT).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "emit/stablehlo/builder.h"
#include "emit/stablehlo/module.h"
#include "ops/kernel.h"
#include "ops/lowerings.h"

namespace xlite {
namespace {

Tensor activation(std::string name, std::vector<int32_t> shape, DType t = DType::kFloat32) {
  Tensor x;
  x.name = std::move(name);
  x.dtype = t;
  x.shape = std::move(shape);
  return x;
}

// y = x + c, c = [1, 2] constant.
Model add_model(Model m = {}) {
  Graph g;
  g.tensors.push_back(activation("x", {2}));
  Tensor c = activation("c", {2});
  const float vals[] = {1.0f, 2.0f};
  std::vector<uint8_t> bytes(8);
  std::memcpy(bytes.data(), vals, 8);
  c.data = m.own(std::move(bytes));
  g.tensors.push_back(c);
  g.tensors.push_back(activation("y", {2}));
  Op op;
  op.kind = OpKind::ADD;
  op.inputs = {0, 1};
  op.outputs = {2};
  g.ops.push_back(op);
  g.inputs = {0};
  g.outputs = {2};
  m.subgraphs.push_back(std::move(g));
  return m;
}

TEST(StableHloBuilder, PrintsTypes) {
  EXPECT_EQ(shlo::type_str({DType::kFloat32, {1, 28, 28, 1}}), "tensor<1x28x28x1xf32>");
  EXPECT_EQ(shlo::type_str({DType::kInt8, {}}), "tensor<i8>");
  EXPECT_EQ(shlo::type_str({DType::kUInt8, {3}}), "tensor<3xui8>");
  EXPECT_EQ(shlo::type_str({DType::kBool, {2}}), "tensor<2xi1>");
  EXPECT_FALSE(shlo::check_type({DType::kString, {1}}).ok());
  EXPECT_FALSE(shlo::check_type({DType::kFloat32, {-1}}).ok());
}

TEST(StableHloBuilder, PrintsConstants) {
  shlo::Builder b;
  const float one = 1.0f;
  uint8_t bytes[4];
  std::memcpy(bytes, &one, 4);
  const shlo::Value v = b.constant({DType::kFloat32, {1}}, bytes);
  EXPECT_EQ(v.name, "%v0");
  EXPECT_NE(b.text().find("dense<\"0x0000803F\"> : tensor<1xf32>"), std::string::npos) << b.text();
  b.scalar(DType::kFloat32, -std::numeric_limits<double>::infinity());
  EXPECT_NE(b.text().find("dense<0xFF800000> : tensor<f32>"), std::string::npos) << b.text();
  b.scalar(DType::kFloat32, 6.0);
  EXPECT_NE(b.text().find("dense<6.0> : tensor<f32>"), std::string::npos) << b.text();
}

TEST(StableHloExport, WritesMainWithInputsAndOutputs) {
  auto r = shlo::export_stablehlo(add_model(), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& t = r->text;
  EXPECT_NE(t.find("func.func public @main(%arg0: tensor<2xf32>) -> (tensor<2xf32>)"), std::string::npos) << t;
  EXPECT_NE(t.find("\"stablehlo.add\"(%arg0, %v0)"), std::string::npos) << t;
  EXPECT_NE(t.find("\"func.return\"(%v1)"), std::string::npos) << t;
}

TEST(StableHloExport, ExternalWeightsBecomeArguments) {
  shlo::ExportOptions o;
  o.external_weights = true;
  o.external_min_bytes = 1;
  auto r = shlo::export_stablehlo(add_model(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->weights.size(), 1u);
  EXPECT_EQ(r->weights[0].name, "w0");
  EXPECT_EQ(r->weights[0].data.size(), 8u);
  EXPECT_NE(r->text.find("@main(%arg0: tensor<2xf32>, %w0: tensor<2xf32>)"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("stablehlo.constant"), std::string::npos) << r->text;
}

TEST(StableHloExport, NamesEveryMissingLowering) {
  Model m = add_model();
  Op custom;
  custom.kind = OpKind::CUSTOM;
  custom.custom_code = "Foo";
  custom.inputs = {2};
  custom.outputs = {2};
  m.subgraphs[0].ops.push_back(custom);
  m.subgraphs[0].ops.push_back(custom);
  auto r = shlo::export_stablehlo(m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "no StableHLO lowering yet for: CUSTOM:Foo (2)");
}

// MediaPipe's Convolution2DTransposeBias: x [1, 3, 3, 2], weights
// [4, 4, 4, 2] and bias [4] as activations (the lowering does not need
// constants), output [1, 5, 5, 4] (stride 2, SAME); options are the raw
// int32s {padding, stride_w, stride_h}.
Model conv_transpose_bias_model(std::vector<int32_t> options, std::vector<int32_t> out_shape = {1, 5, 5, 4}) {
  Model m;
  Graph g;
  g.tensors = {activation("x", {1, 3, 3, 2}), activation("w", {4, 4, 4, 2}), activation("b", {4}),
               activation("y", std::move(out_shape))};
  Op op;
  op.kind = OpKind::CUSTOM;
  op.custom_code = "Convolution2DTransposeBias";
  op.inputs = {0, 1, 2};
  op.outputs = {3};
  std::vector<uint8_t> bytes(options.size() * 4);
  std::memcpy(bytes.data(), options.data(), bytes.size());
  op.custom_options = m.own(std::move(bytes));
  g.ops.push_back(op);
  g.inputs = {0, 1, 2};
  g.outputs = {3};
  m.subgraphs.push_back(std::move(g));
  return m;
}

TEST(StableHloExport, ConvolutionTransposeBiasIsADilatedConvolution) {
  // SAME: pad total = max(0, 4 - (3 - 1) % 2 - 1) = 3, 1 of it on top, so
  // the output is 2 * (3 - 1) + 4 - 3 = 5 and the convolution of the
  // dilated input (5 pixels) is padded 4 - 1 - 1 = 2 low and
  // 5 - 1 + 4 - 5 - 2 = 1 high.
  auto r = shlo::export_stablehlo(conv_transpose_bias_model({1, 2, 2}), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& t = r->text;
  EXPECT_NE(t.find("lhs_dilation = array<i64: 2, 2>, padding = dense<[[2, 1], [2, 1]]>"), std::string::npos) << t;
  EXPECT_NE(t.find("\"stablehlo.reverse\"(%arg1) {dimensions = array<i64: 1, 2>}"), std::string::npos) << t;
  EXPECT_NE(t.find("-> tensor<1x5x5x4xf32>"), std::string::npos) << t;
}

TEST(StableHloExport, ConvolutionTransposeBiasRefusesWhatTheKernelRefuses) {
  auto message = [](Model m) {
    auto r = shlo::export_stablehlo(m, {});
    return r.ok() ? std::string("exported") : r.status().message();
  };
  EXPECT_NE(message(conv_transpose_bias_model({3, 2, 2})).find("padding must be 1 (SAME) or 2 (VALID), got 3"),
            std::string::npos);
  EXPECT_NE(message(conv_transpose_bias_model({1, 2})).find("expected at least 12"), std::string::npos);
  EXPECT_NE(message(conv_transpose_bias_model({1, 0, 2})).find("strides must be in 1..4096"), std::string::npos);
  EXPECT_NE(message(conv_transpose_bias_model({1, 2, 2}, {1, 5, 6, 4}))
                .find("output shape [1,5,6,4] is not the [1,5,5,4] that the inputs and options give"),
            std::string::npos)
      << message(conv_transpose_bias_model({1, 2, 2}, {1, 5, 6, 4}));
}

TEST(StableHloExport, QuantizedNeedsAMode) {
  Model m = add_model();
  for (int i : {0, 2}) {
    Tensor& t = m.subgraphs[0].tensors[i];
    t.dtype = DType::kInt8;
    t.quant.scale = {0.5f};
    t.quant.zero_point = {0};
  }
  m.subgraphs[0].tensors[1].dtype = DType::kInt8;
  m.subgraphs[0].tensors[1].quant.scale = {0.5f};
  m.subgraphs[0].tensors[1].quant.zero_point = {0};
  m.subgraphs[0].tensors[1].shape = {8};  // 8 int8 bytes, so the constant stays valid
  auto r = shlo::export_stablehlo(m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--quant=float"), std::string::npos) << r.status().message();
}

// Every op the executor runs lowers.
TEST(StableHloExport, EveryKernelOpHasALowering) {
  for (OpKind k : implemented_ops()) EXPECT_NE(find_lowering(k), nullptr) << op_name(k);
}

// A subgraph returning the constant `out` (its input x is unused).
Graph const_graph(Model& m, std::vector<int32_t> in_shape, std::vector<int32_t> out_shape, DType out_type) {
  Graph g;
  g.name = "k";
  g.tensors.push_back(activation("x", std::move(in_shape)));
  Tensor c = activation("c", out_shape, out_type);
  c.data = m.own(std::vector<uint8_t>(static_cast<size_t>(num_elements(out_shape).value()) * 4, 1));
  g.tensors.push_back(c);
  g.inputs = {0};
  g.outputs = {1};
  return g;
}

// main: y = WHILE(x) with cond subgraph 1 and body subgraph 2.
Model while_model(std::vector<int32_t> body_out_shape) {
  Model m;
  Graph g;
  g.tensors.push_back(activation("x", {2}));
  g.tensors.push_back(activation("y", {2}));
  Op op;
  op.kind = OpKind::WHILE;
  op.inputs = {0};
  op.outputs = {1};
  op.attrs.set("cond_subgraph_index", int64_t{1});
  op.attrs.set("body_subgraph_index", int64_t{2});
  g.ops.push_back(op);
  g.inputs = {0};
  g.outputs = {1};
  m.subgraphs.push_back(std::move(g));
  m.subgraphs.push_back(const_graph(m, {2}, {}, DType::kInt32));
  m.subgraphs.push_back(const_graph(m, {2}, std::move(body_out_shape), DType::kFloat32));
  return m;
}

TEST(StableHloExport, WhileLowersToARegionOp) {
  auto r = shlo::export_stablehlo(while_model({2}), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NE(r->text.find("\"stablehlo.while\"(%arg0) ({"), std::string::npos) << r->text;
  // The int32 condition is tested != 0.
  EXPECT_NE(r->text.find("comparison_direction NE"), std::string::npos) << r->text;
}

TEST(StableHloExport, WhileBodyChangingAShapeIsRefused) {
  auto r = shlo::export_stablehlo(while_model({3}), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "op 0 (WHILE): body subgraph 2 changes loop variable 0 from tensor<2xf32> to tensor<3xf32>; "
            "StableHLO needs loop variables of one static shape");
}

// As the converter writes a loop variable that grows: a dynamic signature
// and a placeholder shape on the op's output.
TEST(StableHloExport, WhileVariableWithADynamicShapeIsRefused) {
  Model m = while_model({2});
  Tensor& y = m.subgraphs[0].tensors[1];
  y.shape = {1};
  y.shape_signature = {-1};
  auto r = shlo::export_stablehlo(m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "op 0 (WHILE): loop variable 0 enters as tensor<2xf32> but the op's output 0 ('y') is tensor<1xf32> "
            "with dynamic shape [-1]: the loop changes its shape, and StableHLO needs loop variables of one static "
            "shape");
}

TEST(StableHloExport, RecursiveControlFlowIsRefused) {
  Model m = while_model({2});
  m.subgraphs[0].ops[0].attrs.set("body_subgraph_index", int64_t{0});
  auto r = shlo::export_stablehlo(m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("subgraph 0 runs itself"), std::string::npos) << r.status().message();
}

TEST(StableHloExport, OneFunctionPerSignature) {
  Model m = add_model();
  Signature s;
  s.key = "my key";  // not a bare identifier: the symbol is quoted
  s.inputs = {{"in\"put", 0}};
  s.outputs = {{"out", 2}};
  m.signatures.push_back(s);
  auto r = shlo::export_stablehlo(m, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NE(r->text.find("func.func public @main(%arg0: tensor<2xf32>) -> (tensor<2xf32>)"), std::string::npos);
  EXPECT_NE(r->text.find("func.func public @\"my key\"(%arg0: tensor<2xf32> {jax.arg_info = \"in\\\"put\"}) -> "
                         "(tensor<2xf32> {jax.result_info = \"out\"})"),
            std::string::npos)
      << r->text;

  shlo::ModuleOptions one;
  one.signature = "my key";
  r = shlo::export_stablehlo(m, {}, one);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NE(r->text.find("func.func public @main(%arg0: tensor<2xf32> {jax.arg_info"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("my key\"("), std::string::npos) << r->text;

  one.signature = "other";
  r = shlo::export_stablehlo(m, {}, one);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the model has no signature 'other' (it has 'my key')");

  m.signatures[0].key = "main";
  r = shlo::export_stablehlo(m, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("signature 'main' clashes"), std::string::npos) << r.status().message();
}

// With external weights, a constant read by two functions is one argument
// (one file) that both take.
TEST(StableHloExport, FunctionsShareExternalWeights) {
  Model m = add_model();
  Signature s;
  s.key = "sig";
  s.inputs = {{"x", 0}};
  s.outputs = {{"y", 2}};
  m.signatures.push_back(s);
  shlo::ExportOptions o;
  o.external_weights = true;
  o.external_min_bytes = 1;
  auto r = shlo::export_stablehlo(m, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->weights.size(), 1u);
  EXPECT_NE(r->text.find("@main(%arg0: tensor<2xf32>, %w0: tensor<2xf32>)"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("@sig(%arg0: tensor<2xf32> {jax.arg_info = \"x\"}, %w0: tensor<2xf32>)"), std::string::npos)
      << r->text;
}

// Every op listed in src/ops/integer_lowerings.def has a lowering to run.
TEST(StableHloExport, EveryIntegerLoweringHasALowering) {
  int n = 0;
  for (OpKind k : implemented_ops()) {
    if (!has_integer_lowering(k)) continue;
    ++n;
    EXPECT_NE(find_lowering(k), nullptr) << op_name(k);
  }
  EXPECT_GT(n, 0);
}

// An int8 LOGISTIC under --quant=integer is one lookup in a 256-entry int8
// table (computed by the reference kernel), with no float arithmetic left.
TEST(StableHloExport, IntegerUnaryOpIsATableLookup) {
  Model m;
  Graph g;
  Tensor x = activation("x", {1, 4}, DType::kInt8);
  x.quant.scale = {0.05f};
  x.quant.zero_point = {3};
  Tensor y = activation("y", {1, 4}, DType::kInt8);
  y.quant.scale = {1.0f / 256};
  y.quant.zero_point = {-128};
  g.tensors = {x, y};
  Op op;
  op.kind = OpKind::LOGISTIC;
  op.inputs = {0};
  op.outputs = {1};
  g.ops.push_back(op);
  g.inputs = {0};
  g.outputs = {1};
  m.subgraphs.push_back(std::move(g));
  shlo::ExportOptions options;
  options.quant = shlo::QuantMode::kInteger;
  auto r = shlo::export_stablehlo(m, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& text = r.value().text;
  EXPECT_NE(text.find("tensor<256xi8>"), std::string::npos) << text;
  EXPECT_NE(text.find("stablehlo.gather"), std::string::npos) << text;
  EXPECT_EQ(text.find("f32"), std::string::npos) << text;
  // Without an integer lowering for the op, the export names it.
  m.subgraphs[0].ops[0].kind = OpKind::CAST;
  auto refused = shlo::export_stablehlo(m, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("no --quant=integer lowering yet for: CAST (1)"), std::string::npos)
      << refused.status().message();
}

}  // namespace
}  // namespace xlite
