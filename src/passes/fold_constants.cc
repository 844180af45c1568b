// SPDX-License-Identifier: Apache-2.0
// Constant folding: a pure op whose inputs are all constant is evaluated
// now, with its reference kernel, and its outputs become constants. SHAPE
// and RANK need only a static input shape. Among them: DEQUANTIZE of
// float16/int8 weights (computed once instead of on every run, as the
// kernels want float weights) and the shape arithmetic Keras leaves
// (SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE).
//
// Not folded: a result larger than its inputs plus 4 KiB (TILE or
// BROADCAST_TO of a constant would grow the model), except DEQUANTIZE and
// DENSIFY, whose dense float weights the kernels need anyway (a sparse
// float16 filter is DENSIFY -> DEQUANTIZE -> CONV_2D: unfolded, both ran
// on every invoke, over half of MediaPipe's pose_detection time, and the
// conv repacked its weights each time); ops whose output shape
// would be dynamic; ops the kernel refuses (the executor reports those).
// The folded op is removed; its now-unused inputs go with dce.
// Tests: tests/passes/fold_constants.txt.
#include <cstring>

#include "ops/kernel.h"
#include "passes/passes.h"

namespace xlite::passes {
namespace {

constexpr size_t kMaxGrowth = 4096;

bool static_shape(const Tensor& t) {
  for (int32_t d : t.shape_signature)
    if (d < 0) return false;
  return true;
}

// Evaluates `op` if it can be folded: `results` gets one byte vector per
// output, `rt` the outputs' shapes.
bool evaluate(const Graph& g, const Op& op, std::vector<RtTensor>& rt, std::vector<std::vector<uint8_t>>* results) {
  const OpKernel* k = find_kernel(op.kind);
  const bool shape_only = op.kind == OpKind::SHAPE || op.kind == OpKind::RANK;
  size_t in_bytes = 0;
  for (int32_t t : op.inputs) {
    if (t < 0) continue;
    const Tensor& ir = g.tensors[t];
    if (shape_only ? !static_shape(ir) : !ir.is_constant()) return false;
    RtTensor& r = rt[t];
    r = RtTensor{};
    r.dtype = ir.dtype;
    r.shape = ir.shape;
    r.quant = &ir.quant;
    r.ir = &ir;
    r.constant = true;
    r.data = const_cast<uint8_t*>(ir.data.data());
    r.bytes = ir.data.size();
    in_bytes += r.bytes;
    if (!shape_only && reinterpret_cast<uintptr_t>(r.data) % 4 != 0) return false;  // kernels read aligned data
  }
  for (int32_t t : op.outputs) {
    const Tensor& ir = g.tensors[t];
    rt[t] = RtTensor{};
    rt[t].dtype = ir.dtype;
    rt[t].shape = ir.shape;
    rt[t].quant = &ir.quant;
    rt[t].ir = &ir;
  }
  std::unique_ptr<OpState> state;
  KernelContext ctx(op, rt, state);
  if (!k->prepare(ctx).ok()) return false;
  size_t out_bytes = 0;
  results->clear();
  results->reserve(op.outputs.size());  // no reallocation: the data pointers below stay valid
  for (int32_t t : op.outputs) {
    RtTensor& r = rt[t];
    const Tensor& ir = g.tensors[t];
    if (r.dtype != ir.dtype || !static_shape(ir)) return false;
    if (!ir.shape.empty() && !ir.shape_signature.empty() && r.shape != ir.shape) return false;
    auto n = num_elements(r.shape);
    auto bytes = n ? dtype_storage_bytes(r.dtype, *n) : std::nullopt;
    if (!bytes || *bytes == 0) return false;  // an empty constant would read as an activation
    r.bytes = static_cast<size_t>(*bytes);
    out_bytes += r.bytes;
    results->emplace_back(r.bytes, 0);
    r.data = results->back().data();
  }
  const bool decompresses = op.kind == OpKind::DEQUANTIZE || op.kind == OpKind::DENSIFY;
  if (!decompresses && out_bytes > in_bytes + kMaxGrowth) return false;
  return k->eval(ctx).ok();
}

}  // namespace

bool fold_constants(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    std::vector<RtTensor> rt(g.tensors.size());
    std::vector<bool> folded(g.ops.size(), false);
    std::vector<std::vector<uint8_t>> results;
    bool any = false;
    for (size_t i = 0; i < g.ops.size(); ++i) {
      const Op& op = g.ops[i];
      if (op.outputs.empty() || !is_pure(g, op)) continue;
      bool has_input = false;
      for (int32_t t : op.inputs) has_input = has_input || t >= 0;
      if (!has_input) continue;
      if (!evaluate(g, op, rt, &results)) continue;
      size_t bytes = 0;
      for (size_t k = 0; k < op.outputs.size(); ++k) {
        Tensor& out = g.tensors[op.outputs[k]];
        out.shape = rt[op.outputs[k]].shape;
        out.shape_signature.clear();
        bytes += results[k].size();
        out.data = m.own(std::move(results[k]));
      }
      log.add("folded " + op_label(g, static_cast<int>(i)) + " into a constant of " + std::to_string(bytes) +
              " bytes");
      folded[i] = true;
      any = true;
    }
    if (any) {
      erase_ops(g, folded);
      changed = true;
    }
  }
  return changed;
}

}  // namespace xlite::passes
