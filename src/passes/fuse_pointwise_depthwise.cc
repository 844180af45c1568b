// SPDX-License-Identifier: Apache-2.0
// Cross-layer fusion: a float32 1x1 stride-1 CONV_2D (an inverted-residual
// block's expansion) whose output only feeds a DEPTHWISE_CONV_2D (depth
// multiplier 1) becomes one op that computes the expansion a few rows at a
// time into a small per-thread window and runs the depthwise kernel on the
// window straight away. The expanded tensor, the largest of such a block
// (EfficientNetB0: 112x112x96 floats, 4.8 MB), is then never written to
// memory nor read back, and the memory plan has one tensor less to place.
//
// Runs after fuse_depthwise_pointwise: where a depthwise conv feeds a
// pointwise one (MobileNetV2's blocks), that fusion has taken it; this
// one takes the blocks whose depthwise output has other readers (the
// squeeze-excite blocks of EfficientNet and MobileNetV3).
//
// The fused op is CUSTOM "xlite.PointwiseDepthwise" (a built-in kernel,
// src/ops/custom/pointwise_depthwise/) with inputs
//   (x, pointwise filter, pointwise bias or _, depthwise filter, depthwise
//    bias or _)
// and the depthwise output. Attributes: the pointwise op's
// fused_activation_function and xlite_epilogue, prefixed "pw_", and the
// depthwise op's own (padding, strides, dilations, fused activation,
// epilogue).
// Conditions: float32; constant filters and biases (packed once); the
// expanded tensor read by nothing else and not a graph output; the
// pointwise filter [C,1,1,I], stride 1 (1x1 padding: SAME and VALID
// agree); neither part with an ADD or PRELU epilogue (no extra inputs).
// The StableHLO export and to_jax compile without this pass.
// Tests: tests/passes/fuse_pointwise_depthwise.txt.
#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool is_const(const Graph& g, int32_t t) {
  return t < 0 || (g.tensors[t].is_constant() && !g.tensors[t].sparsity);
}

bool f32(const Graph& g, int32_t t) { return t < 0 || g.tensors[t].dtype == DType::kFloat32; }

// No epilogue that brings an input of its own (ADD's addend, PRELU's alpha).
bool plain_epilogue(const Op& op) {
  if (op.inputs.size() > 3 || op.attrs.has("xlite_epilogue_prelu")) return false;
  const AttrValue* e = op.attrs.find("xlite_epilogue");
  const std::string* kind = e ? std::get_if<std::string>(e) : nullptr;
  return e == nullptr || (kind != nullptr && *kind != "ADD");
}

}  // namespace

bool fuse_pointwise_depthwise(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t p = 0; p < g.ops.size(); ++p) {
      const Op& pw = g.ops[p];
      if (pw.kind != OpKind::CONV_2D || pw.inputs.size() < 2 || pw.outputs.size() != 1 || !plain_epilogue(pw))
        continue;
      const int32_t x = pw.inputs[0], pw_w = pw.inputs[1], pw_b = pw.inputs.size() > 2 ? pw.inputs[2] : -1;
      const int32_t mid = pw.outputs[0];
      if (x < 0 || pw_w < 0 || uses[mid] != 1 || is_graph_output(g, mid)) continue;
      if (!f32(g, x) || !f32(g, pw_w) || !f32(g, pw_b) || !f32(g, mid)) continue;
      if (!is_const(g, pw_w) || !is_const(g, pw_b)) continue;
      if (pw.attrs.get_int("stride_h", 1) != 1 || pw.attrs.get_int("stride_w", 1) != 1) continue;
      const auto& xs = g.tensors[x].shape;
      const auto& ws = g.tensors[pw_w].shape;
      const auto& ms = g.tensors[mid].shape;
      if (xs.size() != 4 || ws.size() != 4 || ms.size() != 4) continue;
      if (ws[1] != 1 || ws[2] != 1 || ws[3] != xs[3] || ms[0] != xs[0] || ms[1] != xs[1] || ms[2] != xs[2] ||
          ms[3] != ws[0])
        continue;
      // The one reader: a depthwise conv with depth multiplier 1.
      int d = -1;
      for (size_t i = p + 1; i < g.ops.size() && d < 0; ++i)
        for (int32_t in : g.ops[i].inputs)
          if (in == mid) d = static_cast<int>(i);
      if (d < 0) continue;
      const Op& dw = g.ops[d];
      if (dw.kind != OpKind::DEPTHWISE_CONV_2D || dw.inputs.size() < 2 || dw.inputs[0] != mid ||
          dw.outputs.size() != 1 || !plain_epilogue(dw))
        continue;
      const int32_t dw_w = dw.inputs[1], dw_b = dw.inputs.size() > 2 ? dw.inputs[2] : -1, y = dw.outputs[0];
      if (dw_w < 0 || !f32(g, dw_w) || !f32(g, dw_b) || !f32(g, y) || !is_const(g, dw_w) || !is_const(g, dw_b))
        continue;
      const auto& ys = g.tensors[y].shape;
      if (ys.size() != 4 || ys[3] != ms[3]) continue;  // depth multiplier 1

      Op fused;
      fused.kind = OpKind::CUSTOM;
      fused.custom_code = "xlite.PointwiseDepthwise";
      fused.version = 1;
      fused.inputs = {x, pw_w, pw_b, dw_w, dw_b};
      fused.outputs = {y};
      for (const char* name : {"fused_activation_function", "xlite_epilogue"})
        if (const AttrValue* a = pw.attrs.find(name)) fused.attrs.set(std::string("pw_") + name, *a);
      for (const Attr& a : dw.attrs.items()) fused.attrs.set(a.name, a.value);
      log.add("fused " + op_label(g, static_cast<int>(p)) + " and " + op_label(g, d) +
              " into xlite.PointwiseDepthwise (the expanded tensor stays in cache)");
      g.ops[d] = std::move(fused);
      dead[p] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(s), dead);
  }
  return changed;
}

}  // namespace xlite::passes
