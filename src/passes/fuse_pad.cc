// SPDX-License-Identifier: Apache-2.0
// PAD into convolution padding: PAD(x) -> CONV_2D/DEPTHWISE_CONV_2D with
// VALID padding computes the same as the convolution with SAME padding on
// x when the explicit pads are exactly those SAME would add before the
// data and the output size agrees (rows SAME adds after the data are
// zeros, as the pad's are). Keras' ZeroPadding2D before a stride-2 conv
// (MobileNetV2, EfficientNet) is this pattern. Other spatial pads (ResNet's
// 3-pixel border before its 7x7 stem, a symmetric 1-pixel pad before a
// stride-2 conv on an even size) become the conv's explicit padding,
// attribute xlite_pad = [top, bottom, left, right] (ops/common/window.h),
// which the kernels and the StableHLO lowering honour.
//
// Conditions: the pad amounts are constant, zero on batch and channels;
// the pad value is zero (float) or the zero point of a quantized tensor
// with unchanged quantization (a conv pads with the input's zero point);
// PADV2 only with such a constant value; the padded tensor is read by
// this convolution only, or only by VALID convolutions as their input
// (each gets the padding). Pooling is not fused: MAX_POOL pads with
// -inf and AVERAGE_POOL leaves padding out of its count.
// Tests: tests/passes/fuse_pad.txt.
#include <cstring>

#include "ops/common/window.h"
#include "passes/passes.h"

namespace xlite::passes {
namespace {

// PADV2's value is the padding of a convolution: 0.0 or the zero point.
bool pad_value_is_zero(const Graph& g, const Op& pad, const Tensor& x) {
  if (pad.kind == OpKind::PAD || pad.inputs.size() < 3 || pad.inputs[2] < 0) return true;
  const Tensor& v = g.tensors[pad.inputs[2]];
  if (!v.is_constant() || v.dtype != x.dtype) return false;
  const int64_t zp = x.quant.zero_point.empty() ? 0 : x.quant.zero_point[0];
  switch (v.dtype) {
    case DType::kFloat32: {
      float f;
      std::memcpy(&f, v.data.data(), 4);
      return f == 0.0f;
    }
    case DType::kInt8: return static_cast<int8_t>(v.data[0]) == zp;
    case DType::kUInt8: return v.data[0] == zp;
    default: return false;
  }
}

// One spatial dim: the VALID conv on the padded input equals SAME on x.
bool same_padding_matches(int64_t in, int64_t before, int64_t after, int64_t filter, int64_t stride,
                          int64_t dilation) {
  const int64_t eff = (filter - 1) * dilation + 1;
  if (stride <= 0) return false;
  const int64_t padded = in + before + after;
  const int64_t out_valid = padded >= eff ? (padded - eff) / stride + 1 : 0;
  const int64_t out_same = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>(0, (out_same - 1) * stride + eff - in);
  return out_same > 0 && out_valid == out_same && before == total / 2;
}

// Every op reading `t` is a VALID CONV_2D/DEPTHWISE_CONV_2D without
// explicit padding yet, reading it as its input only: a PAD read by several
// such convolutions (two heads on one padded map) folds into each.
bool only_valid_convs_read(const Graph& g, int32_t t) {
  for (const Op& op : g.ops) {
    bool reads = false;
    for (size_t k = 0; k < op.inputs.size(); ++k)
      if (op.inputs[k] == t) {
        if (k != 0) return false;
        reads = true;
      }
    if (!reads) continue;
    if (op.kind != OpKind::CONV_2D && op.kind != OpKind::DEPTHWISE_CONV_2D) return false;
    if (op.attrs.get_int("padding", 0) != window::kValid || op.attrs.has("xlite_pad")) return false;
  }
  return true;
}

}  // namespace

bool fuse_pad(Model& m, PassLog& log) {
  bool changed = false;
  for (size_t s = 0; s < m.subgraphs.size(); ++s) {
    Graph& g = m.subgraphs[s];
    const std::vector<int> uses = use_counts(g);
    const std::vector<int> producer = producers(g);
    for (size_t i = 0; i < g.ops.size(); ++i) {
      Op& conv = g.ops[i];
      if (conv.kind != OpKind::CONV_2D && conv.kind != OpKind::DEPTHWISE_CONV_2D) continue;
      if (conv.attrs.get_int("padding", 0) != window::kValid) continue;
      const int32_t padded = conv.inputs[0];
      const int p = producer[padded];
      if (p < 0 || is_graph_output(g, padded)) continue;
      if (uses[padded] != 1 && !only_valid_convs_read(g, padded)) continue;
      const Op& pad = g.ops[p];
      if (pad.kind != OpKind::PAD && pad.kind != OpKind::PADV2) continue;
      const int32_t x = pad.inputs[0];
      const Tensor& tx = g.tensors[x];
      const Tensor& tp = g.tensors[padded];
      const Tensor& w = g.tensors[conv.inputs[1]];
      std::vector<std::pair<int64_t, int64_t>> pads;
      if (pad.inputs[1] < 0 || !read_pad_amounts(g.tensors[pad.inputs[1]], &pads) || pads.size() != 4) continue;
      if (tx.shape.size() != 4 || w.shape.size() != 4 || tx.dtype != tp.dtype) continue;
      if (tx.quant.scale != tp.quant.scale || tx.quant.zero_point != tp.quant.zero_point) continue;
      if (pads[0] != std::pair<int64_t, int64_t>{0, 0} || pads[3] != std::pair<int64_t, int64_t>{0, 0}) continue;
      if (!pad_value_is_zero(g, pad, tx)) continue;
      const Attrs& a = conv.attrs;
      if (a.has("xlite_pad")) continue;
      if (same_padding_matches(tx.shape[1], pads[1].first, pads[1].second, w.shape[1], a.get_int("stride_h", 1),
                               a.get_int("dilation_h_factor", 1)) &&
          same_padding_matches(tx.shape[2], pads[2].first, pads[2].second, w.shape[2], a.get_int("stride_w", 1),
                               a.get_int("dilation_w_factor", 1))) {
        log.add("fused " + op_label(g, p) + " into " + op_label(g, static_cast<int>(i)) + " as SAME padding");
        conv.inputs[0] = x;
        conv.attrs.set("padding", int64_t{window::kSame});
        changed = true;
        continue;
      }
      // Any other non-negative zero padding: explicit pads on the VALID
      // conv (window::explicit_pads), which reads zeros outside x.
      if (pads[1].first < 0 || pads[1].second < 0 || pads[2].first < 0 || pads[2].second < 0) continue;
      const std::vector<int64_t> amounts = {pads[1].first, pads[1].second, pads[2].first, pads[2].second};
      log.add("fused " + op_label(g, p) + " into " + op_label(g, static_cast<int>(i)) + " as explicit padding [" +
              std::to_string(amounts[0]) + ", " + std::to_string(amounts[1]) + ", " + std::to_string(amounts[2]) +
              ", " + std::to_string(amounts[3]) + "]");
      conv.inputs[0] = x;
      conv.attrs.set("xlite_pad", amounts);
      changed = true;
    }
  }
  return changed;
}

}  // namespace xlite::passes
