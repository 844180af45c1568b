// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <climits>

#include "ir/graph.h"
#include "ir/op_kind.h"
#include "ir/stats.h"

namespace xlite {
namespace {

TEST(OpKind, ComesFromTheOneList) {
  EXPECT_EQ(static_cast<int>(OpKind::ADD), 0);
  EXPECT_EQ(static_cast<int>(OpKind::CONV_2D), 3);
  EXPECT_EQ(static_cast<int>(OpKind::CUSTOM), 32);
  EXPECT_EQ(static_cast<int>(OpKind::GELU), 150);
  EXPECT_EQ(op_name(OpKind::DEPTHWISE_CONV_2D), "DEPTHWISE_CONV_2D");
  EXPECT_EQ(op_kind_from_name("HARD_SWISH"), OpKind::HARD_SWISH);
  EXPECT_EQ(op_kind_from_builtin_code(4), OpKind::DEPTHWISE_CONV_2D);
  EXPECT_FALSE(op_kind_from_builtin_code(-1).has_value());
  EXPECT_FALSE(op_kind_from_builtin_code(100000).has_value());
  EXPECT_GE(all_ops().size(), 200u);
  for (const OpInfo& info : all_ops()) {
    EXPECT_EQ(op_kind_from_name(info.name), info.kind);
    if (info.max_inputs >= 0) {
      EXPECT_LE(info.min_inputs, info.max_inputs) << info.name;
    }
    if (info.max_outputs >= 0) {
      EXPECT_LE(info.min_outputs, info.max_outputs) << info.name;
    }
  }
}

TEST(Attrs, TypedGetters) {
  Attrs a;
  a.set("stride_w", int64_t{2});
  a.set("beta", 0.5);
  a.set("keep", true);
  a.set("axes", std::vector<int64_t>{1, 2});
  a.set("stride_w", int64_t{3});  // replaces
  EXPECT_EQ(a.items().size(), 4u);
  EXPECT_EQ(a.get_int("stride_w"), 3);
  EXPECT_EQ(a.get_int("missing", 7), 7);
  EXPECT_DOUBLE_EQ(a.get_float("beta"), 0.5);
  EXPECT_TRUE(a.get_bool("keep"));
  EXPECT_EQ(a.get_int("keep"), 1);
  EXPECT_EQ(a.get_ints("axes"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(format_attr_value(a.find("axes") ? *a.find("axes") : AttrValue{}), "[1,2]");
}

TEST(Graph, NumElements) {
  EXPECT_EQ(num_elements(std::vector<int32_t>{}), 1);
  EXPECT_EQ(num_elements(std::vector<int32_t>{2, 0, 5}), 0);
  EXPECT_EQ(num_elements(std::vector<int32_t>{2, 3, 4}), 24);
  EXPECT_FALSE(num_elements(std::vector<int32_t>{2, -1}).has_value());
  EXPECT_EQ(shape_to_string(std::vector<int32_t>{1, 28, 28, 1}), "[1,28,28,1]");
}

TEST(Stats, MacsOfConvDepthwiseAndFc) {
  Graph g;
  auto t = [&](std::vector<int32_t> shape) {
    Tensor x;
    x.shape = std::move(shape);
    g.tensors.push_back(x);
    return static_cast<int32_t>(g.tensors.size() - 1);
  };
  const int in = t({1, 8, 8, 3}), w = t({16, 3, 3, 3}), out = t({1, 8, 8, 16});
  const int dw_w = t({1, 3, 3, 16}), dw_out = t({1, 4, 4, 16});
  const int fc_in = t({2, 10}), fc_w = t({5, 10}), fc_out = t({2, 5});
  Op conv{.kind = OpKind::CONV_2D, .inputs = {in, w, -1}, .outputs = {out}};
  Op dw{.kind = OpKind::DEPTHWISE_CONV_2D, .inputs = {out, dw_w, -1}, .outputs = {dw_out}};
  Op fc{.kind = OpKind::FULLY_CONNECTED, .inputs = {fc_in, fc_w, -1}, .outputs = {fc_out}};
  EXPECT_EQ(op_macs(g, conv), 8 * 8 * 16 * 3 * 3 * 3);
  EXPECT_EQ(op_macs(g, dw), 4 * 4 * 16 * 3 * 3);
  EXPECT_EQ(op_macs(g, fc), 2 * 5 * 10);
  Op relu{.kind = OpKind::RELU, .inputs = {out}, .outputs = {out}};
  EXPECT_EQ(op_macs(g, relu), 0);
  // The compiled graph's fused depthwise + pointwise op counts both convs.
  const int pw_w = t({32, 1, 1, 16}), pw_out = t({1, 4, 4, 32});
  Op dwpw{.kind = OpKind::CUSTOM, .inputs = {out, dw_w, -1, pw_w, -1}, .outputs = {pw_out}};
  EXPECT_EQ(op_macs(g, dwpw), 0);  // an unknown custom op
  dwpw.custom_code = "xlite.DepthwisePointwise";
  EXPECT_EQ(op_macs(g, dwpw), 4 * 4 * 16 * 3 * 3 + 4 * 4 * 16 * 32);
}

// Each tensor of a verified model is bounded, their products are not: the
// estimate saturates (a fuzzer found the overflow).
TEST(Stats, MacsSaturate) {
  Graph g;
  Tensor big;
  big.shape = {1 << 20, 1 << 20, 1 << 8};
  Tensor w;
  w.shape = {1 << 8, 1 << 15, 1 << 15, 1 << 8};
  g.tensors = {big, w, big};
  Op conv{.kind = OpKind::CONV_2D, .inputs = {0, 1, -1}, .outputs = {2}};
  EXPECT_EQ(op_macs(g, conv), INT64_MAX);
}

}  // namespace
}  // namespace xlite
