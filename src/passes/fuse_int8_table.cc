// SPDX-License-Identifier: Apache-2.0
// Quantized swish as one table: an int8 (or uint8) LOGISTIC whose output
// `s` is read only by a MUL of s and the LOGISTIC's own input x (either
// operand order) computes y = f(x) where f depends on x's code alone: 256
// possible inputs. The pair becomes one op, CUSTOM "xlite.Int8Table"
// (src/ops/custom/int8_table/), that looks each code up in a table: one
// pass over the activation instead of two, and `s` is never stored.
//
// The table is made here by running xlite's own reference kernels of the
// two ops (LOGISTIC, then MUL with its quantization and fused activation)
// on the 256 codes, so the fused op gives what the pair gives, bit for
// bit, by construction. Attribute `table`: 256 output codes, entry i for
// input code (lowest code + i), i.e. -128 + i for int8, i for uint8.
//
// Conditions: x, s and y int8 or all uint8, with per-tensor quantization
// (the kernels' own prepare decides the rest: a pair they refuse is left
// alone); s read by that MUL only and not a graph output; y of x's shape.
// int16 is left alone (a table of 65536 entries is not worth it).
// The StableHLO export and to_jax compile without this pass.
// Tests: tests/passes/fuse_int8_table.txt, tests/cpp/pass_random_test.cc,
// src/ops/custom/int8_table/int8_table_test.cc.
#include "ops/kernel.h"
#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool code_dtype(DType d) { return d == DType::kInt8 || d == DType::kUInt8; }

bool per_tensor(const Tensor& t) { return t.quant.scale.size() == 1 && t.quant.zero_point.size() <= 1; }

// Runs `op` (its inputs and output renumbered into rt) with its reference
// kernel; false if the kernel refuses it.
bool run_reference(const Op& op, std::vector<RtTensor>& rt) {
  const OpKernel* k = find_kernel(op.kind);
  if (k == nullptr) return false;
  std::unique_ptr<OpState> state;
  KernelContext ctx(op, rt, state, nullptr, nullptr, /*reference_only=*/true);
  if (!k->prepare(ctx).ok()) return false;
  const RtTensor& out = rt[op.outputs[0]];
  if (out.dtype != rt[op.inputs[0]].dtype || out.num_elements() != 256) return false;
  return k->eval(ctx).ok();
}

// The 256 output codes of LOGISTIC `lg` then MUL `mul` over every code of
// x (tensor ids of g), in code order; false if a kernel refuses.
bool make_table(const Graph& g, const Op& lg, const Op& mul, std::vector<int64_t>* table) {
  const int32_t x = lg.inputs[0], s = lg.outputs[0], y = mul.outputs[0];
  // Local copies with shape [256]: rt[0] = x, rt[1] = s, rt[2] = y.
  Tensor ir[3] = {g.tensors[x], g.tensors[s], g.tensors[y]};
  for (Tensor& t : ir) {
    t.shape = {256};
    t.shape_signature.clear();
    t.data = {};
  }
  const bool is_int8 = ir[0].dtype == DType::kInt8;
  uint8_t buf[3][256];
  for (int i = 0; i < 256; ++i) {
    const int code = is_int8 ? i - 128 : i;
    buf[0][i] = static_cast<uint8_t>(code);
  }
  std::vector<RtTensor> rt(3);
  for (int i = 0; i < 3; ++i) {
    rt[i].dtype = ir[i].dtype;
    rt[i].shape = ir[i].shape;
    rt[i].quant = &ir[i].quant;
    rt[i].ir = &ir[i];
    rt[i].data = buf[i];
    rt[i].bytes = 256;
  }
  Op l = lg;
  l.inputs = {0};
  l.outputs = {1};
  Op m = mul;
  m.inputs = {mul.inputs[0] == x ? 0 : 1, mul.inputs[1] == x ? 0 : 1};
  m.outputs = {2};
  if (!run_reference(l, rt) || !run_reference(m, rt)) return false;
  table->resize(256);
  for (int i = 0; i < 256; ++i)
    (*table)[i] = is_int8 ? static_cast<int64_t>(static_cast<int8_t>(buf[2][i])) : static_cast<int64_t>(buf[2][i]);
  return true;
}

}  // namespace

bool fuse_int8_table(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t sg = 0; sg < m.subgraphs.size(); ++sg) {
    Graph& g = m.subgraphs[sg];
    const std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t li = 0; li < g.ops.size(); ++li) {
      const Op& lg = g.ops[li];
      if (lg.kind != OpKind::LOGISTIC || lg.inputs.size() != 1 || lg.outputs.size() != 1) continue;
      const int32_t x = lg.inputs[0], s = lg.outputs[0];
      if (x < 0 || uses[s] != 1 || is_graph_output(g, s)) continue;
      const Tensor& xt = g.tensors[x];
      if (!code_dtype(xt.dtype) || xt.is_constant() || !per_tensor(xt)) continue;
      if (g.tensors[s].dtype != xt.dtype || !per_tensor(g.tensors[s])) continue;
      // The one reader: MUL(x, s) or MUL(s, x).
      int mi = -1;
      for (size_t i = li + 1; i < g.ops.size() && mi < 0; ++i)
        for (int32_t in : g.ops[i].inputs)
          if (in == s) mi = static_cast<int>(i);
      if (mi < 0) continue;
      const Op& mul = g.ops[mi];
      if (mul.kind != OpKind::MUL || mul.inputs.size() != 2 || mul.outputs.size() != 1) continue;
      if (!((mul.inputs[0] == x && mul.inputs[1] == s) || (mul.inputs[0] == s && mul.inputs[1] == x))) continue;
      const int32_t y = mul.outputs[0];
      const Tensor& yt = g.tensors[y];
      if (yt.dtype != xt.dtype || !per_tensor(yt) || yt.shape != xt.shape) continue;
      std::vector<int64_t> table;
      if (!make_table(g, lg, mul, &table)) continue;

      Op fused;
      fused.kind = OpKind::CUSTOM;
      fused.custom_code = "xlite.Int8Table";
      fused.version = 1;
      fused.inputs = {x};
      fused.outputs = {y};
      fused.attrs.set("table", std::move(table));
      log.add("fused " + op_label(g, static_cast<int>(li)) + " and " + op_label(g, mi) +
              " (swish) into xlite.Int8Table (one 256-entry lookup, computed with their reference kernels)");
      g.ops[mi] = std::move(fused);
      dead[li] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(sg), dead) || changed;
  }
  return changed;
}

}  // namespace xlite::passes
