// SPDX-License-Identifier: Apache-2.0
// Activation fusion: a standalone RELU, RELU6 or RELU_N1_TO_1 whose input
// is written by an op with a fused activation (conv, depthwise, fully
// connected, add, sub, mul, div) and read by nothing else becomes that
// op's fused activation; the producer then writes the activation's output.
//
// The clamps intersect: the producer's own activation and the new one must
// combine into one the schema can express (NONE+R = R, RELU+RELU6 = RELU6,
// R+R = R); RELU_N1_TO_1 after RELU would be [0,1] and is left alone. For
// quantized tensors the activation's output must have the same dtype and
// quantization as its input, so the clamp is the only thing it does (a
// requantizing activation is left alone).
// Tests: tests/passes/fuse_activation.txt.
#include "passes/passes.h"

namespace xlite::passes {
namespace {

// The schema's ActivationFunctionType values.
enum Act : int { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3 };

bool has_fused_activation(OpKind k) {
  switch (k) {
    case OpKind::CONV_2D:
    case OpKind::DEPTHWISE_CONV_2D:
    case OpKind::FULLY_CONNECTED:
    case OpKind::ADD:
    case OpKind::SUB:
    case OpKind::MUL:
    case OpKind::DIV:
      return true;
    default:
      return false;
  }
}

int activation_of(OpKind k) {
  switch (k) {
    case OpKind::RELU: return kRelu;
    case OpKind::RELU6: return kRelu6;
    case OpKind::RELU_N1_TO_1: return kReluN1To1;
    default: return -1;
  }
}

// The activation equal to applying `first` then `then`, or -1.
int intersect(int first, int then) {
  if (first == kNone || first == then) return then;
  if ((first == kRelu && then == kRelu6) || (first == kRelu6 && then == kRelu)) return kRelu6;
  return -1;
}

const char* act_name(int a) {
  switch (a) {
    case kRelu: return "RELU";
    case kReluN1To1: return "RELU_N1_TO_1";
    case kRelu6: return "RELU6";
    default: return "NONE";
  }
}

}  // namespace

bool fuse_activation(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> uses = use_counts(g);
    const std::vector<int> producer = producers(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t i = 0; i < g.ops.size(); ++i) {
      const Op& act_op = g.ops[i];
      const int act = activation_of(act_op.kind);
      if (act < 0 || act_op.inputs[0] < 0) continue;
      const int32_t x = act_op.inputs[0], y = act_op.outputs[0];
      const int p = producer[x];
      if (p < 0 || dead[p] || uses[x] != 1 || is_graph_output(g, x)) continue;
      Op& prod = g.ops[p];
      if (!has_fused_activation(prod.kind) || prod.outputs.size() != 1) continue;
      // An epilogue (fuse_epilogue) comes after the fused activation: a
      // later clamp cannot join it.
      if (prod.attrs.has("xlite_epilogue")) continue;
      const Tensor& tx = g.tensors[x];
      const Tensor& ty = g.tensors[y];
      if (tx.dtype != ty.dtype || tx.shape != ty.shape) continue;
      if (tx.dtype != DType::kFloat32 &&
          (tx.quant.scale != ty.quant.scale || tx.quant.zero_point != ty.quant.zero_point))
        continue;
      const int combined = intersect(static_cast<int>(prod.attrs.get_int("fused_activation_function", 0)), act);
      if (combined < 0) continue;
      log.add("fused " + op_label(g, static_cast<int>(i)) + " into " + op_label(g, p) + " as " +
              act_name(combined));
      prod.attrs.set("fused_activation_function", int64_t{combined});
      prod.outputs[0] = y;
      dead[i] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(s), dead);
  }
  return changed;
}

}  // namespace xlite::passes
