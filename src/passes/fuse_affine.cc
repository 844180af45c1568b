// SPDX-License-Identifier: Apache-2.0
// Affine fusion: MUL(x, a) followed by ADD(., b) (or SUB(., b)), with a and
// b constants that are one value or one value per channel, becomes one
// DEPTHWISE_CONV_2D of x with a 1x1 filter a and bias b (SUB: -b): one pass
// over the tensor instead of two. Keras' Rescaling layer (x * scale +
// offset, MobileNetV3's input) is this pattern.
//
// The same arithmetic: TFLite's depthwise kernel sums 0 + x * w, then adds
// the bias, so each element is round(round(x * a) + b) as the MUL then the
// ADD compute it (p - b and p + (-b) round alike); the 1x1 stride-1
// depthwise kernel (kernels/dwconv_f32_impl.h) does the same.
//
// Conditions: float32; x rank 4 [N,H,W,C] and not constant; the MUL has no
// fused activation (the ADD's becomes the conv's); the MUL's output is
// read by the ADD only and is not a graph output; a and b are constants
// of one element or of C elements along the last dimension ([C],
// [1,1,1,C], ...); the ADD does not broadcast x.
// Tests: tests/passes/fuse_affine.txt.
#include <cstring>

#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool f32(const Graph& g, int32_t t) { return t >= 0 && g.tensors[t].dtype == DType::kFloat32; }

// A constant float32 that broadcasts along the last dimension of a
// [N,H,W,C] tensor: its C values (one value repeated when it has one).
bool channel_constant(const Graph& g, int32_t t, int32_t c, std::vector<float>* v) {
  if (!f32(g, t) || !g.tensors[t].is_constant()) return false;
  const Tensor& k = g.tensors[t];
  int64_t n = 1;
  for (int32_t d : k.shape) n *= d;
  if (k.shape.size() > 4 || k.data.size() != static_cast<size_t>(n) * 4) return false;
  for (size_t d = 0; d + 1 < k.shape.size(); ++d)
    if (k.shape[d] != 1) return false;
  if (n != 1 && (k.shape.empty() || k.shape.back() != c)) return false;
  v->resize(static_cast<size_t>(c));
  for (int32_t i = 0; i < c; ++i) std::memcpy(&(*v)[static_cast<size_t>(i)], k.data.data() + (n == 1 ? 0 : i) * 4, 4);
  return true;
}

int32_t add_constant(Model& m, Graph& g, std::vector<int32_t> shape, const std::vector<float>& v) {
  std::vector<uint8_t> bytes(v.size() * 4);
  std::memcpy(bytes.data(), v.data(), bytes.size());
  Tensor t;
  t.dtype = DType::kFloat32;
  t.shape = std::move(shape);
  t.data = m.own(std::move(bytes));
  g.tensors.push_back(std::move(t));
  return static_cast<int32_t>(g.tensors.size() - 1);
}

}  // namespace

bool fuse_affine(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t i = 0; i < g.ops.size(); ++i) {
      const Op& mul = g.ops[i];
      if (dead[i] || mul.kind != OpKind::MUL || mul.inputs.size() != 2 || mul.outputs.size() != 1) continue;
      if (mul.attrs.get_int("fused_activation_function", 0) != 0) continue;
      const int32_t y = mul.outputs[0];
      if (!f32(g, y) || g.tensors[y].shape.size() != 4 || uses[y] != 1 || is_graph_output(g, y)) continue;
      const std::vector<int32_t> shape = g.tensors[y].shape;
      const int32_t c = shape[3];
      const bool first = !g.tensors[mul.inputs[0]].is_constant();
      const int32_t x = first ? mul.inputs[0] : mul.inputs[1], ka = first ? mul.inputs[1] : mul.inputs[0];
      std::vector<float> a, b;
      if (!f32(g, x) || g.tensors[x].is_constant() || g.tensors[x].shape != shape || !channel_constant(g, ka, c, &a))
        continue;
      // The one reader: an ADD of a constant (either order) or a SUB of one.
      int r = -1;
      for (size_t j = i + 1; j < g.ops.size() && r < 0; ++j)
        for (int32_t in : g.ops[j].inputs)
          if (in == y) r = static_cast<int>(j);
      if (r < 0) continue;
      const Op& add = g.ops[static_cast<size_t>(r)];
      if ((add.kind != OpKind::ADD && add.kind != OpKind::SUB) || add.inputs.size() != 2 || add.outputs.size() != 1)
        continue;
      if (add.kind == OpKind::SUB && add.inputs[0] != y) continue;  // b - x * a is not x * a' + b'
      const int32_t kb = add.inputs[0] == y ? add.inputs[1] : add.inputs[0];
      if (kb == y || !channel_constant(g, kb, c, &b) || !f32(g, add.outputs[0]) ||
          g.tensors[add.outputs[0]].shape != shape)
        continue;
      if (add.kind == OpKind::SUB)
        for (float& v : b) v = -v;
      const int32_t w = add_constant(m, g, {1, 1, 1, c}, a);
      const int32_t bias = add_constant(m, g, {c}, b);
      log.add("fused " + op_label(g, static_cast<int>(i)) + " and " + op_label(g, r) +
              " into DEPTHWISE_CONV_2D (a 1x1 per-channel multiply-add)");
      Op dw;
      dw.kind = OpKind::DEPTHWISE_CONV_2D;
      dw.version = 1;
      dw.inputs = {x, w, bias};
      dw.outputs = {add.outputs[0]};
      dw.attrs.set("padding", int64_t{1});  // VALID
      dw.attrs.set("stride_w", int64_t{1});
      dw.attrs.set("stride_h", int64_t{1});
      dw.attrs.set("depth_multiplier", int64_t{1});
      dw.attrs.set("fused_activation_function", add.attrs.get_int("fused_activation_function", 0));
      dw.attrs.set("dilation_w_factor", int64_t{1});
      dw.attrs.set("dilation_h_factor", int64_t{1});
      g.ops[static_cast<size_t>(r)] = std::move(dw);
      dead[i] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(s), dead);
  }
  return changed;
}

}  // namespace xlite::passes
