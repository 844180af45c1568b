// SPDX-License-Identifier: Apache-2.0
#include "passes/rewrite.h"

#include <algorithm>
#include <cstring>

#include "ir/verify.h"
#include "ops/kernel.h"

namespace xlite::passes {

bool is_pure(const Graph& g, const Op& op) {
  if (op.kind == OpKind::CUSTOM || find_kernel(op.kind) == nullptr) return false;
  if (!called_subgraphs(op).empty()) return false;
  for (int32_t t : op.inputs)
    if (t >= 0 && g.tensors[t].is_variable) return false;
  return true;
}

std::vector<int> use_counts(const Graph& g) {
  std::vector<int> n(g.tensors.size(), 0);
  for (const Op& op : g.ops) {
    for (int32_t t : op.inputs)
      if (t >= 0) ++n[t];
    for (int32_t t : op.intermediates)
      if (t >= 0) ++n[t];
  }
  for (int32_t t : g.outputs)
    if (t >= 0) ++n[t];
  return n;
}

std::vector<int> producers(const Graph& g) {
  std::vector<int> p(g.tensors.size(), -1);
  for (size_t i = 0; i < g.ops.size(); ++i)
    for (int32_t t : g.ops[i].outputs)
      if (t >= 0) p[t] = static_cast<int>(i);
  return p;
}

bool is_graph_output(const Graph& g, int32_t t) {
  return std::find(g.outputs.begin(), g.outputs.end(), t) != g.outputs.end();
}

void replace_uses(Graph& g, int32_t from, int32_t to, bool graph_outputs) {
  for (Op& op : g.ops)
    for (int32_t& t : op.inputs)
      if (t == from) t = to;
  if (graph_outputs)
    for (int32_t& t : g.outputs)
      if (t == from) t = to;
}

void erase_ops(Graph& g, const std::vector<bool>& dead) {
  std::vector<Op> kept;
  kept.reserve(g.ops.size());
  for (size_t i = 0; i < g.ops.size(); ++i)
    if (!dead[i]) kept.push_back(std::move(g.ops[i]));
  g.ops = std::move(kept);
}

void compact_tensors(Model& m, int subgraph) {
  Graph& g = m.subgraphs[subgraph];
  std::vector<bool> used(g.tensors.size(), false);
  auto mark = [&](int32_t t) {
    if (t >= 0) used[t] = true;
  };
  for (const Op& op : g.ops) {
    for (int32_t t : op.inputs) mark(t);
    for (int32_t t : op.outputs) mark(t);
    for (int32_t t : op.intermediates) mark(t);
  }
  for (int32_t t : g.inputs) mark(t);
  for (int32_t t : g.outputs) mark(t);
  for (const Signature& s : m.signatures)
    if (s.subgraph == subgraph) {
      for (const auto& st : s.inputs) mark(st.tensor);
      for (const auto& st : s.outputs) mark(st.tensor);
    }
  std::vector<int32_t> remap(g.tensors.size(), -1);
  std::vector<Tensor> kept;
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    if (!used[t]) continue;
    remap[t] = static_cast<int32_t>(kept.size());
    kept.push_back(std::move(g.tensors[t]));
  }
  if (kept.size() == g.tensors.size()) {
    g.tensors = std::move(kept);
    return;
  }
  g.tensors = std::move(kept);
  auto re = [&](std::vector<int32_t>& v) {
    for (int32_t& t : v)
      if (t >= 0) t = remap[t];
  };
  for (Op& op : g.ops) {
    re(op.inputs);
    re(op.outputs);
    re(op.intermediates);
  }
  re(g.inputs);
  re(g.outputs);
  for (Signature& s : m.signatures)
    if (s.subgraph == subgraph) {
      for (auto& st : s.inputs) st.tensor = remap[st.tensor];
      for (auto& st : s.outputs) st.tensor = remap[st.tensor];
    }
}

std::string op_label(const Graph& g, int op) {
  return op_display_name(g.ops[op]) + " (op " + std::to_string(op) + ")";
}

bool drop_ops(Model& m, int subgraph, const std::vector<bool>& dead) {
  erase_ops(m.subgraphs[subgraph], dead);
  compact_tensors(m, subgraph);
  return true;
}

bool read_pad_amounts(const Tensor& t, std::vector<std::pair<int64_t, int64_t>>* pads) {
  if (!t.is_constant() || t.shape.size() != 2 || t.shape[1] != 2) return false;
  const size_t w = t.dtype == DType::kInt64 ? 8 : t.dtype == DType::kInt32 ? 4 : 0;
  if (w == 0 || t.data.size() != static_cast<size_t>(t.shape[0]) * 2 * w) return false;
  pads->clear();
  for (int32_t i = 0; i < t.shape[0]; ++i) {
    int64_t v[2];
    for (int k = 0; k < 2; ++k) {
      if (w == 8) {
        std::memcpy(&v[k], t.data.data() + (i * 2 + k) * 8, 8);
      } else {
        int32_t x;
        std::memcpy(&x, t.data.data() + (i * 2 + k) * 4, 4);
        v[k] = x;
      }
    }
    pads->emplace_back(v[0], v[1]);
  }
  return true;
}

}  // namespace xlite::passes
