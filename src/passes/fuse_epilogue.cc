// SPDX-License-Identifier: Apache-2.0
// Epilogue fusion: the elementwise ops that follow a float32 CONV_2D or
// DEPTHWISE_CONV_2D become that op's epilogue, applied to each block of
// outputs while it is still in cache, instead of one more pass over the
// whole tensor per op. The convolution then writes the last op's output;
// its `xlite_epilogue` attribute names what it applies after the bias and
// fused activation:
//
//   SWISH       x * LOGISTIC(x): a LOGISTIC of the output and a MUL of the
//               output by it (either operand order), Keras' swish/SiLU
//               as the converter writes it (EfficientNet);
//   HARD_SWISH  a HARD_SWISH of the output (MobileNetV3);
//   LOGISTIC    a LOGISTIC of the output (squeeze-and-excitation gates);
//   ADD         a residual ADD of the output and another tensor of its
//               shape (ResNet, MobileNetV2, EfficientNet blocks), CONV_2D
//               only: the other tensor becomes the conv's fourth input and
//               the ADD's fused activation `xlite_epilogue_activation`. The
//               other tensor must exist before the conv runs (a graph
//               input, a constant, or an earlier op's output). When it is
//               a PAD that only appends zero channels (BlazeFace-style
//               blocks: a max-pooled shortcut padded to the conv's
//               channels), the PAD's input is the addend instead and the
//               epilogue adds to its channels only.
//
// and then, after one of those or alone, a PRELU of the result whose alpha
// holds one value per output channel (MediaPipe's conv -> PRELU and
// conv -> ADD -> PRELU): attribute xlite_epilogue_prelu = 1, the alpha the
// conv's fifth input (absent bias and addend are _).
//
// Conditions: float32 throughout; the convolution has no epilogue yet; the
// intermediate tensors are read by nothing else and are not graph outputs;
// the MUL has no fused activation and no broadcast; the ADD no broadcast. In EfficientNetB0 the
// swish tensors are the largest in the model (112x112x96): fused, each is
// written once instead of written, read, written, read twice and written.
// The kernels: ops/common/epilogue.h. The StableHLO export and to_jax
// compile without this pass (it is a runtime layout of work, not algebra).
// Tests: tests/passes/fuse_epilogue.txt.
#include <algorithm>
#include <functional>
#include <cmath>
#include <cstring>

#include "passes/passes.h"

namespace xlite::passes {
namespace {

bool takes_epilogue(const Op& op) {
  return (op.kind == OpKind::CONV_2D || op.kind == OpKind::DEPTHWISE_CONV_2D) && op.outputs.size() == 1 &&
         !op.attrs.has("xlite_epilogue");
}

bool is_f32(const Graph& g, int32_t t) { return t >= 0 && g.tensors[t].dtype == DType::kFloat32; }

// The only op reading tensor t, or -1.
int sole_reader(const Graph& g, const std::vector<int>& uses, int32_t t) {
  if (uses[t] != 1 || is_graph_output(g, t)) return -1;
  for (size_t i = 0; i < g.ops.size(); ++i)
    for (int32_t in : g.ops[i].inputs)
      if (in == t) return static_cast<int>(i);
  return -1;
}

// Whether tensor t has its value before op `at` runs: no op at or after
// `at` writes it (graph inputs and constants have no producer).
bool defined_before(const Graph& g, int32_t t, int at) {
  for (size_t i = static_cast<size_t>(at); i < g.ops.size(); ++i)
    for (int32_t o : g.ops[i].outputs)
      if (o == t) return false;
  return true;
}

// The op writing tensor t, or -1.
int producer(const Graph& g, int32_t t) {
  for (size_t i = 0; i < g.ops.size(); ++i)
    for (int32_t o : g.ops[i].outputs)
      if (o == t) return static_cast<int>(i);
  return -1;
}

// Ops without side effects that a residual block's shortcut branch uses
// (MediaPipe pads the channels of a pooled shortcut): safe to run earlier.
// When t is written by a PAD (or PADV2 of 0.0) that only appends zero
// channels (the innermost dimension, after the data) and t has no other
// reader: the PAD's input, which can be a narrower ADD addend (the
// epilogue adds zeros to the rest, ops/common/epilogue.h). Else -1.
// BlazeFace-style blocks add a max-pooled shortcut padded to the conv's
// channel count this way.
int32_t channel_pad_source(const Graph& g, const std::vector<int>& uses, int32_t t, int* pad_op) {
  if (t < 0 || uses[t] != 1 || is_graph_output(g, t)) return -1;
  const int p = producer(g, t);
  if (p < 0) return -1;
  const Op& pad = g.ops[p];
  if ((pad.kind != OpKind::PAD && pad.kind != OpKind::PADV2) || pad.inputs.size() < 2 || pad.outputs.size() != 1)
    return -1;
  const int32_t x = pad.inputs[0];
  if (!is_f32(g, x) || pad.inputs[1] < 0) return -1;
  if (pad.kind == OpKind::PADV2 && pad.inputs.size() > 2 && pad.inputs[2] >= 0) {
    const Tensor& v = g.tensors[pad.inputs[2]];
    if (!v.is_constant() || v.dtype != DType::kFloat32 || v.data.size() != 4) return -1;
    float f;
    std::memcpy(&f, v.data.data(), 4);
    if (f != 0.0f || std::signbit(f)) return -1;
  }
  std::vector<std::pair<int64_t, int64_t>> pads;
  const size_t rank = g.tensors[x].shape.size();
  if (rank == 0 || !read_pad_amounts(g.tensors[pad.inputs[1]], &pads) || pads.size() != rank) return -1;
  for (size_t d = 0; d < rank; ++d) {
    const bool last = d + 1 == rank;
    if (pads[d].first != 0 || (last ? pads[d].second < 0 : pads[d].second != 0)) return -1;
  }
  *pad_op = p;
  return x;
}

bool movable(const Op& op) {
  switch (op.kind) {
    case OpKind::PAD:
    case OpKind::PADV2:
    case OpKind::MAX_POOL_2D:
    case OpKind::AVERAGE_POOL_2D:
    case OpKind::RESHAPE:
    case OpKind::CONCATENATION: return op.outputs.size() == 1;
    default: return false;
  }
}

// A residual ADD(conv output, y) whose y is written by an op between the
// conv and the ADD can take the ADD epilogue only if y exists before the
// conv. When y's producer is movable and all its inputs exist before the
// conv, it moves to just before the conv (a valid order: its readers all
// come after the ADD's position, which is after it). Returns whether any
// op moved.
bool hoist_addends(Graph& g, PassLog& log) {
  bool moved = false;
  for (size_t c = 0; c < g.ops.size(); ++c) {
    const Op& conv = g.ops[c];
    if (!takes_epilogue(conv) || conv.kind != OpKind::CONV_2D || conv.outputs.size() != 1) continue;
    const int32_t x = conv.outputs[0];
    for (size_t r = c + 1; r < g.ops.size(); ++r) {
      const Op& add = g.ops[r];
      if (add.kind != OpKind::ADD || add.inputs.size() != 2 || (add.inputs[0] != x && add.inputs[1] != x)) continue;
      const int32_t other = add.inputs[0] == x ? add.inputs[1] : add.inputs[0];
      // The ops to move, inputs first: the addend's producer and, for a
      // chain (a max pool then a channel PAD), the movable producers
      // between the conv and it of its inputs, up to 4 ops.
      std::vector<int> chain;
      bool ok = true;
      std::function<void(int32_t, int)> need = [&](int32_t t, int depth) {
        if (!ok || t < 0 || defined_before(g, t, static_cast<int>(c))) return;
        const int p = producer(g, t);
        if (p <= static_cast<int>(c) || p >= static_cast<int>(r) || !movable(g.ops[p]) || depth > 3) {
          ok = false;
          return;
        }
        for (int32_t in : g.ops[p].inputs) need(in, depth + 1);
        if (std::find(chain.begin(), chain.end(), p) == chain.end()) chain.push_back(p);
      };
      need(other, 0);
      if (!ok || chain.empty()) break;
      // Each moves to just before the conv, in the order found (inputs
      // before their readers); ops between keep their order.
      int at = static_cast<int>(c);
      for (size_t k = 0; k < chain.size(); ++k) {
        const int p = chain[k];
        log.add("moved " + op_label(g, p) + " before " + op_label(g, at) +
                " so its output can be the residual ADD epilogue's addend");
        std::rotate(g.ops.begin() + at, g.ops.begin() + p, g.ops.begin() + p + 1);
        for (size_t j = k + 1; j < chain.size(); ++j)
          if (chain[j] < p) ++chain[j];  // shifted one place on by the move
        ++at;
      }
      c = static_cast<size_t>(at);  // the conv's new place
      moved = true;
      break;
    }
  }
  return moved;
}

// A float32 alpha holding one value per channel of `shape` (its last
// dimension), as PReLU(shared_axes=[1, 2]) gives: [C], [1, 1, C], ...
bool per_channel(const Graph& g, int32_t alpha, const std::vector<int32_t>& shape) {
  if (!is_f32(g, alpha) || shape.empty()) return false;
  const std::vector<int32_t>& a = g.tensors[alpha].shape;
  if (a.empty() || a.size() > shape.size() || a.back() != shape.back()) return false;
  for (size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] != 1) return false;
  return true;
}

}  // namespace

bool fuse_epilogue(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    if (hoist_addends(g, log)) changed = true;
    const std::vector<int> uses = use_counts(g);
    std::vector<bool> dead(g.ops.size(), false);
    bool any = false;
    for (size_t c = 0; c < g.ops.size(); ++c) {
      Op& conv = g.ops[c];
      if (!takes_epilogue(conv) || !is_f32(g, conv.outputs[0])) continue;
      const int32_t x = conv.outputs[0];
      if (is_graph_output(g, x)) continue;
      // Readers of x: one HARD_SWISH or LOGISTIC, or a LOGISTIC and a MUL.
      std::vector<int> readers;
      for (size_t i = c + 1; i < g.ops.size(); ++i)
        for (int32_t in : g.ops[i].inputs)
          if (in == x) {
            readers.push_back(static_cast<int>(i));
            break;
          }
      const std::vector<int32_t>& shape = g.tensors[x].shape;
      auto same = [&](int32_t t) { return is_f32(g, t) && g.tensors[t].shape == shape; };
      std::string kind;
      int32_t result = -1, addend = -1;
      int64_t add_activation = 0;
      std::vector<int> fused;
      if (uses[x] == 1 && readers.size() == 1) {
        const Op& r = g.ops[readers[0]];
        if ((r.kind == OpKind::HARD_SWISH || r.kind == OpKind::LOGISTIC) && same(r.outputs[0])) {
          kind = r.kind == OpKind::HARD_SWISH ? "HARD_SWISH" : "LOGISTIC";
          result = r.outputs[0];
          fused = {readers[0]};
        } else if (r.kind == OpKind::ADD && conv.kind == OpKind::CONV_2D && conv.inputs.size() <= 3 &&
                   r.inputs.size() == 2 && same(r.outputs[0])) {
          const int32_t other = r.inputs[0] == x ? r.inputs[1] : r.inputs[0];
          if (other != x && other >= 0 && same(other) && defined_before(g, other, static_cast<int>(c))) {
            kind = "ADD";
            result = r.outputs[0];
            addend = other;
            add_activation = r.attrs.get_int("fused_activation_function", 0);
            fused = {readers[0]};
            // A channel-padding PAD of the addend folds in too.
            int pad_op = -1;
            const int32_t narrow = channel_pad_source(g, uses, other, &pad_op);
            if (narrow >= 0 && narrow != x && defined_before(g, narrow, static_cast<int>(c))) {
              addend = narrow;
              fused.push_back(pad_op);
            }
          }
        }
      } else if (uses[x] == 2 && readers.size() == 2) {
        const int a = readers[0], b = readers[1];
        const Op& lg = g.ops[a];
        const Op& mul = g.ops[b];
        if (lg.kind == OpKind::LOGISTIC && mul.kind == OpKind::MUL && mul.inputs.size() == 2 &&
            mul.attrs.get_int("fused_activation_function", 0) == 0 && same(lg.outputs[0]) && same(mul.outputs[0])) {
          const int32_t sig = lg.outputs[0];
          const bool operands = (mul.inputs[0] == x && mul.inputs[1] == sig) ||
                                (mul.inputs[0] == sig && mul.inputs[1] == x);
          if (operands && sole_reader(g, uses, sig) == b) {
            kind = "SWISH";
            result = mul.outputs[0];
            fused = {a, b};
          }
        }
      }
      // Then a PRELU of the result (or of x) with one alpha per channel.
      const int32_t tail = kind.empty() ? x : result;
      const int pr = sole_reader(g, uses, tail);
      int32_t alpha = -1;
      if (pr >= 0 && !conv.attrs.has("xlite_epilogue_prelu")) {
        const Op& p = g.ops[pr];
        if (p.kind == OpKind::PRELU && p.inputs.size() == 2 && p.inputs[0] == tail && p.inputs[1] != tail &&
            p.outputs.size() == 1 && same(p.outputs[0]) && per_channel(g, p.inputs[1], shape) &&
            defined_before(g, p.inputs[1], static_cast<int>(c))) {
          alpha = p.inputs[1];
          result = p.outputs[0];
          fused.push_back(pr);
        }
      }
      if (kind.empty() && alpha < 0) continue;
      std::string what;
      for (int f : fused) what += (what.empty() ? "" : " and ") + op_label(g, f);
      log.add("fused " + what + " into " + op_label(g, static_cast<int>(c)) + " as epilogue " +
              (kind.empty() ? "" : kind) + (alpha >= 0 ? (kind.empty() ? "PRELU" : " then PRELU") : ""));
      if (!kind.empty()) conv.attrs.set("xlite_epilogue", kind);
      if (addend >= 0) {
        conv.attrs.set("xlite_epilogue_activation", add_activation);
        conv.inputs.resize(3, -1);  // an absent bias stays absent
        conv.inputs.push_back(addend);
      }
      if (alpha >= 0) {
        conv.attrs.set("xlite_epilogue_prelu", int64_t{1});
        conv.inputs.resize(4, -1);  // absent bias and addend stay absent
        conv.inputs.push_back(alpha);
      }
      conv.outputs[0] = result;
      for (int f : fused) dead[f] = true;
      any = true;
    }
    if (any) changed = drop_ops(m, static_cast<int>(s), dead);
  }
  return changed;
}

}  // namespace xlite::passes
