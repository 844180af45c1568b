// SPDX-License-Identifier: Apache-2.0
// Algebraic simplification: ops that compute their input unchanged are
// bypassed. Each rule below names its algebra; a rule "x" means the op's
// output equals its first input x bit for bit, so every reader of the
// output reads x instead and the op is left to dce.
//
// All rules require the output to have x's dtype, shape and quantization,
// and no fused activation. The output must not be a graph output (its name
// and index are part of the model's interface).
// Tests: tests/passes/simplify.txt.
#include <cmath>
#include <cstring>

#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool same_type(const Tensor& a, const Tensor& b) {
  return a.dtype == b.dtype && a.shape == b.shape && a.quant.scale == b.quant.scale &&
         a.quant.zero_point == b.quant.zero_point && a.quant.axis == b.quant.axis &&
         a.shape_signature == b.shape_signature;
}

// Every element of constant float32 tensor `t` equals v.
bool all_float(const Graph& g, int32_t t, float v) {
  if (t < 0 || !g.tensors[t].is_constant() || g.tensors[t].dtype != DType::kFloat32) return false;
  const auto& d = g.tensors[t].data;
  for (size_t i = 0; i + 4 <= d.size(); i += 4) {
    float f;
    std::memcpy(&f, d.data() + i, 4);
    if (f != v) return false;
  }
  return true;
}

std::vector<int64_t> const_ints(const Graph& g, int32_t t) {
  std::vector<int64_t> v;
  if (t < 0 || !g.tensors[t].is_constant()) return v;
  const Tensor& c = g.tensors[t];
  const size_t w = c.dtype == DType::kInt64 ? 8 : c.dtype == DType::kInt32 ? 4 : 0;
  if (w == 0) return v;
  for (size_t i = 0; i + w <= c.data.size(); i += w) {
    if (w == 8) {
      int64_t x;
      std::memcpy(&x, c.data.data() + i, 8);
      v.push_back(x);
    } else {
      int32_t x;
      std::memcpy(&x, c.data.data() + i, 4);
      v.push_back(x);
    }
  }
  return v;
}

bool no_activation(const Op& op) { return op.attrs.get_int("fused_activation_function", 0) == 0; }

bool identity_perm(const std::vector<int64_t>& p) {
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i] != static_cast<int64_t>(i)) return false;
  return true;
}

// A rule returns the tensor the op's output equals, or -1.
using Match = int32_t (*)(const Graph& g, const Op& op, const std::vector<int>& producer);

struct Rule {
  OpKind kind;
  const char* algebra;
  Match match;
};

int32_t first_input(const Graph&, const Op& op, const std::vector<int>&) { return op.inputs[0]; }

const Rule kRules[] = {
    // reshape(x) -> x, squeeze(x) -> x, expand_dims(x) -> x: shape unchanged
    {OpKind::RESHAPE, "reshape(x) -> x when the shape is unchanged", first_input},
    {OpKind::SQUEEZE, "squeeze(x) -> x when the shape is unchanged", first_input},
    {OpKind::EXPAND_DIMS, "expand_dims(x) -> x when the shape is unchanged", first_input},
    // cast(x) -> x when the dtype is unchanged
    {OpKind::CAST, "cast(x) -> x to its own dtype", first_input},
    // transpose(x, identity) -> x
    {OpKind::TRANSPOSE, "transpose(x, [0..n)) -> x",
     [](const Graph& g, const Op& op, const std::vector<int>&) -> int32_t {
       const auto p = const_ints(g, op.inputs[1]);
       return !p.empty() && identity_perm(p) ? op.inputs[0] : -1;
     }},
    // transpose(transpose(x, p), q) -> x when q . p is the identity
    {OpKind::TRANSPOSE, "transpose(transpose(x, p), q) -> x when q(p) is the identity",
     [](const Graph& g, const Op& op, const std::vector<int>& producer) -> int32_t {
       const int pi = producer[op.inputs[0]];
       if (pi < 0 || g.ops[pi].kind != OpKind::TRANSPOSE) return -1;
       const auto p = const_ints(g, g.ops[pi].inputs[1]);
       const auto q = const_ints(g, op.inputs[1]);
       if (p.empty() || p.size() != q.size()) return -1;
       for (size_t i = 0; i < q.size(); ++i)
         if (q[i] < 0 || q[i] >= static_cast<int64_t>(p.size()) || p[q[i]] != static_cast<int64_t>(i)) return -1;
       return g.ops[pi].inputs[0];
     }},
    // x * 1 -> x, 1 * x -> x (float32)
    {OpKind::MUL, "x * 1 -> x",
     [](const Graph& g, const Op& op, const std::vector<int>&) -> int32_t {
       if (!no_activation(op)) return -1;
       if (all_float(g, op.inputs[1], 1.0f)) return op.inputs[0];
       if (all_float(g, op.inputs[0], 1.0f)) return op.inputs[1];
       return -1;
     }},
    // x + 0 -> x, 0 + x -> x (float32)
    {OpKind::ADD, "x + 0 -> x",
     [](const Graph& g, const Op& op, const std::vector<int>&) -> int32_t {
       if (!no_activation(op)) return -1;
       if (all_float(g, op.inputs[1], 0.0f)) return op.inputs[0];
       if (all_float(g, op.inputs[0], 0.0f)) return op.inputs[1];
       return -1;
     }},
    // x - 0 -> x (float32)
    {OpKind::SUB, "x - 0 -> x",
     [](const Graph& g, const Op& op, const std::vector<int>&) -> int32_t {
       return no_activation(op) && all_float(g, op.inputs[1], 0.0f) ? op.inputs[0] : -1;
     }},
    // x / 1 -> x (float32)
    {OpKind::DIV, "x / 1 -> x",
     [](const Graph& g, const Op& op, const std::vector<int>&) -> int32_t {
       return no_activation(op) && all_float(g, op.inputs[1], 1.0f) ? op.inputs[0] : -1;
     }},
    // quantize(dequantize(q)) -> q with the same dtype and quantization
    // (exact: q -> real -> q is the identity on the grid). The other order,
    // dequantize(quantize(x)), rounds x to the grid and is kept.
    {OpKind::QUANTIZE, "quantize(dequantize(q)) -> q",
     [](const Graph& g, const Op& op, const std::vector<int>& producer) -> int32_t {
       const int pi = producer[op.inputs[0]];
       if (pi < 0 || g.ops[pi].kind != OpKind::DEQUANTIZE) return -1;
       return g.ops[pi].inputs[0];
     }},
};

}  // namespace

bool simplify(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> producer = producers(g);
    for (size_t i = 0; i < g.ops.size(); ++i) {
      const Op& op = g.ops[i];
      if (op.outputs.size() != 1 || op.inputs.empty() || op.inputs[0] < 0 || !is_pure(g, op)) continue;
      const int32_t out = op.outputs[0];
      if (is_graph_output(g, out)) continue;
      for (const Rule& r : kRules) {
        if (r.kind != op.kind) continue;
        const int32_t x = r.match(g, op, producer);
        if (x < 0 || !same_type(g.tensors[x], g.tensors[out])) continue;
        replace_uses(g, out, x, false);
        log.add("bypassed " + op_label(g, static_cast<int>(i)) + ": " + r.algebra);
        changed = true;
        break;
      }
    }
  }
  return changed;
}

}  // namespace xlite::passes
