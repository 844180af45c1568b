// SPDX-License-Identifier: Apache-2.0
// Cross-layer fusion: a float32 DEPTHWISE_CONV_2D (depth multiplier 1)
// whose output only feeds a 1x1, stride-1 CONV_2D becomes one op that
// computes a few depthwise output rows into a small per-thread buffer and
// runs the pointwise GEMM on them at once, while they are in cache. The
// depthwise output, the largest tensor of a MobileNet block (112x112x64
// floats is 3.2 MB), is then never written to memory nor read back, and
// the memory plan has one tensor less to place.
//
// The fused op is CUSTOM "xlite.DepthwisePointwise" (a built-in kernel,
// src/ops/custom/depthwise_pointwise/) with inputs
//   (x, depthwise filter, depthwise bias or _, pointwise filter, pointwise
//    bias or _)
// and the pointwise output. Attributes: the depthwise op's own, prefixed
// "dw_" (its padding, strides, dilations, fused activation, epilogue), and
// the pointwise op's fused_activation_function and xlite_epilogue.
// Conditions: float32; constant filters and biases (packed once); the
// depthwise output read by nothing else and not a graph output; the
// pointwise filter [O,1,1,C] with C the depthwise channels; 1x1 padding
// (SAME and VALID agree) and no dilation that matters.
// The StableHLO export and to_jax compile without this pass.
// Tests: tests/passes/fuse_depthwise_pointwise.txt.
#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool is_const(const Graph& g, int32_t t) {
  return t < 0 || (g.tensors[t].is_constant() && !g.tensors[t].sparsity);
}

bool f32(const Graph& g, int32_t t) { return t < 0 || g.tensors[t].dtype == DType::kFloat32; }

}  // namespace

bool fuse_depthwise_pointwise(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t d = 0; d < g.ops.size(); ++d) {
      const Op& dw = g.ops[d];
      if (dw.kind != OpKind::DEPTHWISE_CONV_2D || dw.inputs.size() < 2 || dw.outputs.size() != 1) continue;
      const int32_t x = dw.inputs[0], dw_w = dw.inputs[1], dw_b = dw.inputs.size() > 2 ? dw.inputs[2] : -1;
      const int32_t mid = dw.outputs[0];
      if (x < 0 || dw_w < 0 || uses[mid] != 1 || is_graph_output(g, mid)) continue;
      if (dw.inputs.size() > 3 || dw.attrs.has("xlite_epilogue_prelu")) continue;  // a PRELU epilogue's alpha
      if (!f32(g, x) || !f32(g, dw_w) || !f32(g, dw_b) || !f32(g, mid)) continue;
      if (!is_const(g, dw_w) || !is_const(g, dw_b)) continue;
      const auto& xs = g.tensors[x].shape;
      const auto& ms = g.tensors[mid].shape;
      if (xs.size() != 4 || ms.size() != 4 || xs[3] != ms[3]) continue;  // depth multiplier 1
      // The one reader: a pointwise CONV_2D.
      int p = -1;
      for (size_t i = d + 1; i < g.ops.size() && p < 0; ++i)
        for (int32_t in : g.ops[i].inputs)
          if (in == mid) p = static_cast<int>(i);
      if (p < 0) continue;
      const Op& pw = g.ops[p];
      if (pw.kind != OpKind::CONV_2D || pw.inputs.size() < 2 || pw.inputs[0] != mid || pw.outputs.size() != 1)
        continue;
      const int32_t pw_w = pw.inputs[1], pw_b = pw.inputs.size() > 2 ? pw.inputs[2] : -1, y = pw.outputs[0];
      if (pw_w < 0 || !f32(g, pw_w) || !f32(g, pw_b) || !f32(g, y) || !is_const(g, pw_w) || !is_const(g, pw_b))
        continue;
      const auto& ws = g.tensors[pw_w].shape;
      if (ws.size() != 4 || ws[1] != 1 || ws[2] != 1 || ws[3] != ms[3]) continue;
      if (pw.attrs.get_int("stride_h", 1) != 1 || pw.attrs.get_int("stride_w", 1) != 1) continue;
      const auto& ys = g.tensors[y].shape;
      if (ys.size() != 4 || ys[0] != ms[0] || ys[1] != ms[1] || ys[2] != ms[2]) continue;

      Op fused;
      fused.kind = OpKind::CUSTOM;
      fused.custom_code = "xlite.DepthwisePointwise";
      fused.version = 1;
      fused.inputs = {x, dw_w, dw_b, pw_w, pw_b};
      // The pointwise epilogue's extra inputs: the ADD's addend (or _) and
      // the PRELU's alpha.
      for (size_t i = 3; i < pw.inputs.size(); ++i) fused.inputs.push_back(pw.inputs[i]);
      fused.outputs = {y};
      for (const Attr& a : dw.attrs.items()) fused.attrs.set("dw_" + a.name, a.value);
      fused.attrs.set("fused_activation_function", pw.attrs.get_int("fused_activation_function", 0));
      for (const char* name : {"xlite_epilogue", "xlite_epilogue_activation", "xlite_epilogue_prelu"})
        if (const AttrValue* e = pw.attrs.find(name)) fused.attrs.set(name, *e);
      log.add("fused " + op_label(g, static_cast<int>(d)) + " and " + op_label(g, p) +
              " into xlite.DepthwisePointwise (the depthwise output stays in cache)");
      g.ops[p] = std::move(fused);
      dead[d] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(s), dead);
  }
  return changed;
}

}  // namespace xlite::passes
