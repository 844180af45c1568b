// SPDX-License-Identifier: Apache-2.0
// Common-subexpression elimination.
//
// Two constants are the same when dtype, shape, quantization and bytes are
// equal. Two pure ops are the same when kind, version, attributes, custom
// options and inputs are equal (after earlier merges) and their outputs
// have equal dtype, shape and quantization. The later one's readers read
// the earlier one's outputs; the later op is left to dce. A later output
// that is a graph output is kept (it is part of the model's interface).
// Tests: tests/passes/cse.txt.
#include <map>
#include <tuple>

#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool same_quant(const Quantization& a, const Quantization& b) {
  return a.scale == b.scale && a.zero_point == b.zero_point && a.axis == b.axis && a.details == b.details;
}

bool same_tensor_type(const Tensor& a, const Tensor& b) {
  return a.dtype == b.dtype && a.shape == b.shape && a.shape_signature == b.shape_signature &&
         same_quant(a.quant, b.quant) && !a.sparsity && !b.sparsity;
}

// A hash of the first 4 KiB: enough to tell weights apart; equal hashes are
// compared in full.
uint64_t prefix_hash(std::span<const uint8_t> d) {
  uint64_t h = 1469598103934665603ull;
  for (uint8_t b : d.first(std::min<size_t>(d.size(), 4096))) h = (h ^ b) * 1099511628211ull;
  return h;
}

bool same_attrs(const Attrs& a, const Attrs& b) {
  if (a.items().size() != b.items().size()) return false;
  for (size_t i = 0; i < a.items().size(); ++i)
    if (a.items()[i].name != b.items()[i].name || a.items()[i].value != b.items()[i].value) return false;
  return true;
}

// Merges duplicate constants; returns the number merged. Only constants
// that share dtype, shape and size with another are hashed.
int merge_constants(Graph& g, PassLog& log, size_t subgraph) {
  std::map<std::tuple<int, std::vector<int32_t>, size_t>, int> candidates;
  for (const Tensor& c : g.tensors)
    if (c.is_constant()) ++candidates[{static_cast<int>(c.dtype), c.shape, c.data.size()}];
  std::map<std::tuple<uint64_t, size_t, int>, std::vector<int32_t>> seen;
  std::vector<int32_t> replacement(g.tensors.size(), -1);
  int merged = 0;
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    const Tensor& c = g.tensors[t];
    if (!c.is_constant() || c.is_variable || c.sparsity || is_graph_output(g, static_cast<int32_t>(t))) continue;
    if (candidates[{static_cast<int>(c.dtype), c.shape, c.data.size()}] < 2) continue;
    auto& bucket = seen[{prefix_hash(c.data), c.data.size(), static_cast<int>(c.dtype)}];
    int32_t match = -1;
    for (int32_t o : bucket) {
      const Tensor& e = g.tensors[o];
      if (same_tensor_type(c, e) &&
          (e.data.data() == c.data.data() || std::equal(e.data.begin(), e.data.end(), c.data.begin()))) {
        match = o;
        break;
      }
    }
    if (match < 0) {
      bucket.push_back(static_cast<int32_t>(t));
      continue;
    }
    replacement[t] = match;
    ++merged;
  }
  if (merged == 0) return 0;
  for (Op& op : g.ops)
    for (int32_t& t : op.inputs)
      if (t >= 0 && replacement[t] >= 0) t = replacement[t];
  log.add("merged " + std::to_string(merged) + " duplicate constants in subgraph " + std::to_string(subgraph));
  return merged;
}

}  // namespace

bool cse(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    if (merge_constants(g, log, s) > 0) changed = true;
    // Ops bucketed by (kind, first input) keep comparisons local.
    std::map<std::pair<int, int32_t>, std::vector<size_t>> seen;
    for (size_t i = 0; i < g.ops.size(); ++i) {
      const Op& op = g.ops[i];
      if (op.outputs.empty() || !is_pure(g, op)) continue;
      auto& bucket = seen[{static_cast<int>(op.kind), op.inputs.empty() ? -2 : op.inputs[0]}];
      int match = -1;
      for (size_t j : bucket) {
        const Op& e = g.ops[j];
        if (e.version != op.version || e.custom_code != op.custom_code || e.inputs != op.inputs ||
            e.outputs.size() != op.outputs.size() || !same_attrs(e.attrs, op.attrs) ||
            !std::equal(e.custom_options.begin(), e.custom_options.end(), op.custom_options.begin(),
                        op.custom_options.end()))
          continue;
        bool same_outputs = true;
        for (size_t k = 0; k < op.outputs.size(); ++k)
          same_outputs = same_outputs && same_tensor_type(g.tensors[e.outputs[k]], g.tensors[op.outputs[k]]) &&
                         !is_graph_output(g, op.outputs[k]);
        if (same_outputs) {
          match = static_cast<int>(j);
          break;
        }
      }
      if (match < 0) {
        bucket.push_back(i);
        continue;
      }
      for (size_t k = 0; k < op.outputs.size(); ++k) replace_uses(g, op.outputs[k], g.ops[match].outputs[k], false);
      log.add("merged " + op_label(g, static_cast<int>(i)) + " into its twin " + op_label(g, match));
      changed = true;
    }
  }
  return changed;
}

}  // namespace xlite::passes
