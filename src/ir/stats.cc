// SPDX-License-Identifier: Apache-2.0
#include "ir/stats.h"

#include <climits>
#include <initializer_list>
#include <set>

namespace xlite {
namespace {

const Tensor* input(const Graph& g, const Op& op, size_t k) {
  if (k >= op.inputs.size() || op.inputs[k] < 0) return nullptr;
  return &g.tensors[op.inputs[k]];
}

int64_t numel(const Tensor* t) { return t ? num_elements(t->shape).value_or(0) : 0; }

// MAC counts multiply sizes a verified model only bounds one tensor at a
// time, so they saturate rather than overflow.
int64_t sat_mul(std::initializer_list<int64_t> factors) {
  int64_t r = 1;
  for (int64_t f : factors) {
    if (f <= 0) return 0;
    if (__builtin_mul_overflow(r, f, &r)) return INT64_MAX;
  }
  return r;
}

int64_t sat_add(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

int64_t dim(const Tensor* t, int i) {
  if (t == nullptr) return 0;
  const int r = static_cast<int>(t->shape.size());
  if (i < 0) i += r;
  return (i >= 0 && i < r) ? t->shape[i] : 0;
}

}  // namespace

int64_t op_macs(const Graph& g, const Op& op) {
  const Tensor* out = op.outputs.empty() || op.outputs[0] < 0 ? nullptr : &g.tensors[op.outputs[0]];
  const Tensor* w = input(g, op, 1);
  switch (op.kind) {
    case OpKind::CONV_2D:  // filter [O, KH, KW, I/groups]
      return sat_mul({numel(out), dim(w, 1), dim(w, 2), dim(w, 3)});
    case OpKind::DEPTHWISE_CONV_2D:  // filter [1, KH, KW, C*M]
      return sat_mul({numel(out), dim(w, 1), dim(w, 2)});
    case OpKind::CONV_3D:  // filter [KD, KH, KW, I, O]
      return sat_mul({numel(out), dim(w, 0), dim(w, 1), dim(w, 2), dim(w, 3)});
    case OpKind::FULLY_CONNECTED:  // weights [O, I]
      return sat_mul({numel(out), dim(w, 1)});
    case OpKind::TRANSPOSE_CONV: {  // inputs: output_shape, filter [O, KH, KW, I], input
      const Tensor* f = input(g, op, 1);
      return sat_mul({numel(input(g, op, 2)), dim(f, 0), dim(f, 1), dim(f, 2)});
    }
    case OpKind::BATCH_MATMUL: {
      const Tensor* lhs = input(g, op, 0);
      const int64_t k = op.attrs.get_bool("adj_x") ? dim(lhs, -2) : dim(lhs, -1);
      return sat_mul({numel(out), k});
    }
    case OpKind::CUSTOM:
      // The fused depthwise + pointwise op (passes/fuse_depthwise_pointwise):
      // inputs (x, depthwise filter [1,KH,KW,C], bias, pointwise filter
      // [O,1,1,C], ...), output [N,OH,OW,O]; both convs' MACs per pixel.
      if (op.custom_code == "xlite.DepthwisePointwise") {
        const Tensor* pw = input(g, op, 3);
        const int64_t c = dim(w, 3), o = dim(pw, 0);
        if (o <= 0) return 0;
        const int64_t pixels = numel(out) / o;
        return sat_add(sat_mul({pixels, c, dim(w, 1), dim(w, 2)}), sat_mul({pixels, c, o}));
      }
      return 0;
    default:
      return 0;
  }
}

ModelStats compute_stats(const Model& model) {
  ModelStats st;
  st.file_bytes = model.file_bytes;
  std::set<const uint8_t*> seen_data;
  for (size_t s = 0; s < model.subgraphs.size(); ++s) {
    const Graph& g = model.subgraphs[s];
    std::map<std::string, int64_t> counts;
    for (const Op& op : g.ops) {
      ++counts[op_display_name(op)];
      st.macs = sat_add(st.macs, op_macs(g, op));
    }
    for (auto& [k, v] : counts) st.op_counts[k] += v;
    st.op_counts_per_subgraph.push_back(std::move(counts));
    for (const Tensor& t : g.tensors) {
      if (!t.is_constant()) continue;
      // Buffers are model-wide; identical views are the same weights.
      if (!seen_data.insert(t.data.data()).second) continue;
      st.parameters = sat_add(st.parameters, num_elements(t.shape).value_or(0));
      st.weight_bytes += static_cast<int64_t>(t.data.size());
    }
  }
  return st;
}

}  // namespace xlite
