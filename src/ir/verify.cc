// SPDX-License-Identifier: Apache-2.0
#include "ir/verify.h"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "base/checked_math.h"

namespace xlite {
namespace {

// Tensors above this are not a plausible model and would only serve to make
// a later allocation explode.
constexpr int64_t kMaxTensorBytes = int64_t{1} << 40;
constexpr size_t kMaxRank = 32;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

Status verify_sparsity(const Tensor& t, int64_t elem_bits) {
  const Sparsity& sp = *t.sparsity;
  const size_t n = t.shape.size();
  const size_t k = sp.traversal_order.size();
  if (k != n + sp.block_map.size())
    return Status::error("sparsity traversal_order has " + std::to_string(k) +
                         " entries, expected rank + block_map = " +
                         std::to_string(n + sp.block_map.size()));
  if (sp.dims.size() != k)
    return Status::error("sparsity has " + std::to_string(sp.dims.size()) +
                         " dim_metadata entries, expected " + std::to_string(k));
  std::vector<bool> seen(k, false);
  for (int32_t d : sp.traversal_order) {
    if (d < 0 || static_cast<size_t>(d) >= k || seen[d])
      return Status::error("sparsity traversal_order is not a permutation of 0.." +
                           std::to_string(k - 1));
    seen[d] = true;
  }
  // Expanded dims: the n original dims (divided by their block size when
  // blocked) followed by one dim per block.
  std::vector<int64_t> size(k);
  for (size_t i = 0; i < n; ++i) size[i] = t.shape[i];
  for (size_t j = 0; j < sp.block_map.size(); ++j) {
    const int32_t orig = sp.block_map[j];
    if (orig < 0 || static_cast<size_t>(orig) >= n)
      return Status::error("sparsity block_map entry " + std::to_string(orig) +
                           " is not a dimension of the tensor");
    int64_t block = -1;
    for (size_t l = 0; l < k; ++l)
      if (static_cast<size_t>(sp.traversal_order[l]) == n + j) block = sp.dims[l].dense_size;
    if (block <= 0 || size[orig] % block != 0)
      return Status::error("sparsity block size " + std::to_string(block) +
                           " does not divide dimension " + std::to_string(orig));
    size[orig] /= block;
    size[n + j] = block;
  }
  int64_t positions = 1;
  for (size_t l = 0; l < k; ++l) {
    const SparseDim& dm = sp.dims[l];
    const int64_t extent = size[sp.traversal_order[l]];
    if (!dm.sparse) {
      if (dm.dense_size != extent)
        return Status::error("sparsity level " + std::to_string(l) + " dense_size " +
                             std::to_string(dm.dense_size) + " != dimension size " +
                             std::to_string(extent));
      auto p = checked_mul(positions, extent);
      if (!p || *p > kMaxTensorBytes) return Status::error("sparsity size overflows");
      positions = *p;
      continue;
    }
    if (static_cast<int64_t>(dm.segments.size()) != positions + 1)
      return Status::error("sparsity level " + std::to_string(l) + " has " +
                           std::to_string(dm.segments.size()) + " segments, expected " +
                           std::to_string(positions + 1));
    if (dm.segments[0] != 0)
      return Status::error("sparsity level " + std::to_string(l) + " segments do not start at 0");
    for (size_t i = 1; i < dm.segments.size(); ++i)
      if (dm.segments[i] < dm.segments[i - 1])
        return Status::error("sparsity level " + std::to_string(l) +
                             " segments are not non-decreasing");
    const int64_t nnz = dm.segments.back();
    if (static_cast<int64_t>(dm.indices.size()) != nnz)
      return Status::error("sparsity level " + std::to_string(l) + " has " +
                           std::to_string(dm.indices.size()) + " indices, segments say " +
                           std::to_string(nnz));
    for (int64_t idx : dm.indices)
      if (idx < 0 || idx >= extent)
        return Status::error("sparsity level " + std::to_string(l) + " index " +
                             std::to_string(idx) + " is outside [0, " + std::to_string(extent) + ")");
    positions = nnz;
  }
  auto bytes = checked_mul(positions, elem_bits);
  if (!bytes || (*bytes + 7) / 8 != static_cast<int64_t>(t.data.size()))
    return Status::error("sparse buffer has " + std::to_string(t.data.size()) +
                         " bytes, the sparsity metadata describes " + std::to_string(positions) +
                         " values");
  return ok_status();
}

// TFLite string tensors: int32 count N, N+1 int32 offsets, then the bytes.
Status verify_string_data(const Tensor& t, int64_t count) {
  const auto& d = t.data;
  auto rd = [&](size_t i) {
    int32_t v;
    std::memcpy(&v, d.data() + 4 * i, 4);
    return v;
  };
  if (d.size() < 4) return Status::error("string buffer is too small for its header");
  const int32_t n = rd(0);
  if (n != count)
    return Status::error("string buffer holds " + std::to_string(n) + " strings, shape has " +
                         std::to_string(count));
  const uint64_t header = 4ull * (static_cast<uint64_t>(n) + 2);
  if (header > d.size()) return Status::error("string buffer is too small for its offsets");
  int64_t prev = static_cast<int64_t>(header);
  for (int32_t i = 0; i <= n; ++i) {
    const int64_t off = rd(1 + i);
    if (off < prev || off > static_cast<int64_t>(d.size()))
      return Status::error("string buffer offset " + std::to_string(i) + " is out of order or past the end");
    prev = off;
  }
  return ok_status();
}

Status verify_tensor(const Tensor& t) {
  if (t.shape.size() > kMaxRank)
    return Status::error("rank " + std::to_string(t.shape.size()) + " exceeds " + std::to_string(kMaxRank));
  for (int32_t d : t.shape)
    if (d < 0) return Status::error("negative dimension in shape " + shape_to_string(t.shape));
  auto count = num_elements(t.shape);
  if (!count) return Status::error("element count of shape " + shape_to_string(t.shape) + " overflows");
  const int bits = dtype_bits(t.dtype);
  if (bits > 0) {
    auto bytes = dtype_storage_bytes(t.dtype, *count);
    if (!bytes || *bytes > kMaxTensorBytes)
      return Status::error("shape " + shape_to_string(t.shape) + " of " +
                           std::string(dtype_name(t.dtype)) + " is too large");
  }
  if (!t.shape_signature.empty()) {
    if (t.shape_signature.size() != t.shape.size())
      return Status::error("shape_signature " + shape_to_string(t.shape_signature) +
                           " has a different rank from shape " + shape_to_string(t.shape));
    for (size_t i = 0; i < t.shape.size(); ++i) {
      const int32_t s = t.shape_signature[i];
      if (s < -1 || (s >= 0 && s != t.shape[i]))
        return Status::error("shape_signature " + shape_to_string(t.shape_signature) +
                             " disagrees with shape " + shape_to_string(t.shape));
    }
  }
  if (t.is_constant()) {
    if (t.sparsity) {
      if (bits == 0) return Status::error("sparse tensor of type " + std::string(dtype_name(t.dtype)));
      XLITE_RETURN_IF_ERROR(verify_sparsity(t, bits));
    } else if (t.dtype == DType::kString) {
      XLITE_RETURN_IF_ERROR(verify_string_data(t, *count));
    } else if (bits == 0) {
      return Status::error("constant data for a " + std::string(dtype_name(t.dtype)) + " tensor");
    } else {
      const int64_t want = *dtype_storage_bytes(t.dtype, *count);
      if (want != static_cast<int64_t>(t.data.size()))
        return Status::error("buffer has " + std::to_string(t.data.size()) + " bytes, shape " +
                             shape_to_string(t.shape) + " of " + std::string(dtype_name(t.dtype)) +
                             " needs " + std::to_string(want));
    }
  } else if (t.sparsity) {
    return Status::error("sparsity parameters on a tensor without constant data");
  }
  const Quantization& q = t.quant;
  if (!q.details.empty()) return ok_status();
  if (!q.scale.empty() || !q.zero_point.empty()) {
    if (q.scale.size() != q.zero_point.size())
      return Status::error("quantization has " + std::to_string(q.scale.size()) + " scales and " +
                           std::to_string(q.zero_point.size()) + " zero points");
    for (float s : q.scale)
      if (!std::isfinite(s) || s < 0)
        return Status::error("quantization scale " + std::to_string(s) + " is not a finite non-negative number");
    if (q.scale.size() > 1) {
      if (q.axis < 0 || static_cast<size_t>(q.axis) >= t.shape.size())
        return Status::error("quantized_dimension " + std::to_string(q.axis) +
                             " is not a dimension of shape " + shape_to_string(t.shape));
      if (static_cast<int64_t>(q.scale.size()) != t.shape[q.axis])
        return Status::error("quantization has " + std::to_string(q.scale.size()) +
                             " scales, quantized dimension " + std::to_string(q.axis) + " of shape " +
                             shape_to_string(t.shape) + " has " + std::to_string(t.shape[q.axis]));
    }
  }
  return ok_status();
}

Status check_index_list(const Graph& g, const std::vector<int32_t>& list, const char* what) {
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i] < 0 || static_cast<size_t>(list[i]) >= g.tensors.size())
      return Status::error(std::string(what) + " " + std::to_string(i) + " is tensor " +
                           std::to_string(list[i]) + ", outside [0, " +
                           std::to_string(g.tensors.size()) + ")");
  return ok_status();
}

std::string count_range(int lo, int hi) {
  if (hi < 0) return "at least " + std::to_string(lo);
  if (lo == hi) return std::to_string(lo);
  return std::to_string(lo) + " to " + std::to_string(hi);
}

}  // namespace

// Subgraph indices an op calls (WHILE/IF/CALL_ONCE/STABLEHLO_* bodies...):
// by the schema's naming, every option field that holds one says "subgraph".
std::vector<int64_t> called_subgraphs(const Op& op) {
  std::vector<int64_t> out;
  for (const Attr& a : op.attrs.items()) {
    if (a.name.find("subgraph") == std::string::npos) continue;
    if (auto* i = std::get_if<int64_t>(&a.value)) out.push_back(*i);
    if (auto* v = std::get_if<std::vector<int64_t>>(&a.value)) out.insert(out.end(), v->begin(), v->end());
  }
  return out;
}

std::string where_tensor(const Graph& g, int subgraph, int tensor) {
  std::string s = "subgraph " + std::to_string(subgraph) + " tensor " + std::to_string(tensor);
  if (tensor >= 0 && static_cast<size_t>(tensor) < g.tensors.size())
    s += " " + quoted(g.tensors[tensor].name);
  return s + ": ";
}

std::string where_op(const Graph& g, int subgraph, int op) {
  return "subgraph " + std::to_string(subgraph) + " op " + std::to_string(op) + " (" +
         op_display_name(g.ops[op]) + "): ";
}

Status verify_graph(const Model& model, int s) {
  const Graph& g = model.subgraphs[s];
  const std::string sg = "subgraph " + std::to_string(s) + ": ";
  for (size_t t = 0; t < g.tensors.size(); ++t)
    XLITE_RETURN_IF_ERROR(verify_tensor(g.tensors[t]).with_context(where_tensor(g, s, t)));
  XLITE_RETURN_IF_ERROR(check_index_list(g, g.inputs, "input").with_context(sg));
  XLITE_RETURN_IF_ERROR(check_index_list(g, g.outputs, "output").with_context(sg));

  // Dataflow: ops run in list order, so a tensor is readable once it is a
  // graph input, constant, variable, empty, or written by an earlier op.
  enum class Src : uint8_t { kNone, kInput, kConstant, kOp };
  std::vector<Src> src(g.tensors.size(), Src::kNone);
  std::vector<int> writer(g.tensors.size(), -1);
  for (size_t t = 0; t < g.tensors.size(); ++t) {
    const Tensor& tt = g.tensors[t];
    if (tt.is_constant() || tt.is_variable || num_elements(tt.shape).value_or(1) == 0)
      src[t] = Src::kConstant;
  }
  for (int32_t t : g.inputs) src[t] = Src::kInput;

  for (size_t i = 0; i < g.ops.size(); ++i) {
    const Op& op = g.ops[i];
    const std::string at = where_op(g, s, i);
    const OpInfo& info = op_info(op.kind);
    const int nin = static_cast<int>(op.inputs.size());
    const int nout = static_cast<int>(op.outputs.size());
    if (nin < info.min_inputs || (info.max_inputs >= 0 && nin > info.max_inputs))
      return Status::error(at + "has " + std::to_string(nin) + " inputs, expected " +
                           count_range(info.min_inputs, info.max_inputs));
    if (nout < info.min_outputs || (info.max_outputs >= 0 && nout > info.max_outputs))
      return Status::error(at + "has " + std::to_string(nout) + " outputs, expected " +
                           count_range(info.min_outputs, info.max_outputs));
    for (int k = 0; k < nin; ++k) {
      const int32_t t = op.inputs[k];
      if (t == -1) continue;  // optional input left out
      if (t < 0 || static_cast<size_t>(t) >= g.tensors.size())
        return Status::error(at + "input " + std::to_string(k) + " is tensor " + std::to_string(t) +
                             ", outside [0, " + std::to_string(g.tensors.size()) + ")");
      if (src[t] == Src::kNone) {
        // Distinguish "written later" (out of order, or a cycle) from never.
        for (size_t j = i; j < g.ops.size(); ++j)
          for (int32_t o : g.ops[j].outputs)
            if (o == t)
              return Status::error(at + "input " + std::to_string(k) + " is tensor " + std::to_string(t) +
                                   " " + quoted(g.tensors[t].name) + ", which op " + std::to_string(j) +
                                   (j == i ? " (this op) writes" : " writes later") +
                                   ": the ops are not in execution order or form a cycle");
        return Status::error(at + "input " + std::to_string(k) + " is tensor " + std::to_string(t) + " " +
                             quoted(g.tensors[t].name) +
                             ", which is neither a graph input, a constant nor written by any op");
      }
    }
    for (int k = 0; k < nout; ++k) {
      const int32_t t = op.outputs[k];
      if (t < 0 || static_cast<size_t>(t) >= g.tensors.size())
        return Status::error(at + "output " + std::to_string(k) + " is tensor " + std::to_string(t) +
                             ", outside [0, " + std::to_string(g.tensors.size()) + ")");
      const std::string tn = "tensor " + std::to_string(t) + " " + quoted(g.tensors[t].name);
      switch (src[t]) {
        case Src::kNone:
          break;
        case Src::kInput:
          return Status::error(at + "output " + std::to_string(k) + " is " + tn + ", a graph input");
        case Src::kConstant:
          if (g.tensors[t].is_variable || g.tensors[t].is_constant())
            return Status::error(at + "output " + std::to_string(k) + " is " + tn +
                                 ", a constant or variable");
          break;  // an empty tensor may be written
        case Src::kOp:
          return Status::error(at + "output " + std::to_string(k) + " is " + tn + ", already written by op " +
                               std::to_string(writer[t]));
      }
      src[t] = Src::kOp;
      writer[t] = static_cast<int>(i);
    }
    XLITE_RETURN_IF_ERROR(check_index_list(g, op.intermediates, "intermediate").with_context(at));
    for (int64_t callee : called_subgraphs(op))
      if (callee < 0 || static_cast<size_t>(callee) >= model.subgraphs.size())
        return Status::error(at + "refers to subgraph " + std::to_string(callee) + ", outside [0, " +
                             std::to_string(model.subgraphs.size()) + ")");
  }
  for (size_t k = 0; k < g.outputs.size(); ++k) {
    const int32_t t = g.outputs[k];
    if (src[t] == Src::kNone)
      return Status::error(sg + "output " + std::to_string(k) + " is tensor " + std::to_string(t) + " " +
                           quoted(g.tensors[t].name) + ", which no op writes");
  }
  return ok_status();
}

Status verify(const Model& model) {
  if (model.subgraphs.empty()) return Status::error("model has no subgraphs");
  for (size_t s = 0; s < model.subgraphs.size(); ++s) XLITE_RETURN_IF_ERROR(verify_graph(model, s));

  // A subgraph that (transitively) calls itself would recurse forever.
  const size_t n = model.subgraphs.size();
  std::vector<std::vector<int64_t>> calls(n);
  for (size_t s = 0; s < n; ++s)
    for (const Op& op : model.subgraphs[s].ops)
      for (int64_t c : called_subgraphs(op)) calls[s].push_back(c);
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<size_t, size_t>> stack;
  for (size_t root = 0; root < n; ++root) {
    if (state[root]) continue;
    stack.push_back({root, 0});
    state[root] = 1;
    while (!stack.empty()) {
      auto& [s, next] = stack.back();
      if (next == calls[s].size()) {
        state[s] = 2;
        stack.pop_back();
        continue;
      }
      const size_t c = static_cast<size_t>(calls[s][next++]);
      if (state[c] == 1)
        return Status::error("subgraph " + std::to_string(c) + " calls itself (through subgraph " +
                             std::to_string(s) + "): recursion is not allowed");
      if (state[c] == 0) {
        state[c] = 1;
        stack.push_back({c, 0});
      }
    }
  }

  for (size_t i = 0; i < model.signatures.size(); ++i) {
    const Signature& sig = model.signatures[i];
    const std::string at = "signature " + std::to_string(i) + " '" + sig.key + "': ";
    if (sig.subgraph < 0 || static_cast<size_t>(sig.subgraph) >= n)
      return Status::error(at + "subgraph " + std::to_string(sig.subgraph) + " is outside [0, " +
                           std::to_string(n) + ")");
    const Graph& g = model.subgraphs[sig.subgraph];
    for (const auto* list : {&sig.inputs, &sig.outputs})
      for (const SignatureTensor& st : *list)
        if (st.tensor < 0 || static_cast<size_t>(st.tensor) >= g.tensors.size())
          return Status::error(at + "'" + st.name + "' is tensor " + std::to_string(st.tensor) +
                               ", outside [0, " + std::to_string(g.tensors.size()) + ")");
  }
  return ok_status();
}

}  // namespace xlite
