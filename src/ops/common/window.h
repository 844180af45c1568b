// SPDX-License-Identifier: Apache-2.0
// Output size and padding of sliding-window ops (conv, depthwise, pooling),
// as TFLite computes them (kernel_util / padding.h):
//   effective filter = (filter - 1) * dilation + 1
//   SAME:  out = ceil(in / stride)
//   VALID: out = ceil((in - effective + 1) / stride)
//   total padding = max(0, (out - 1) * stride + effective - in), before = total / 2
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/attrs.h"

namespace xlite::window {

enum Padding : int { kSame = 0, kValid = 1 };  // the schema's Padding values

inline int32_t out_size(int padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  if (stride <= 0) return 0;
  if (padding == kSame) return (in + stride - 1) / stride;
  return std::max<int32_t>(0, (in + stride - effective) / stride);
}

inline int32_t pad_before(int32_t in, int32_t filter, int32_t stride, int32_t dilation, int32_t out) {
  const int32_t effective = (filter - 1) * dilation + 1;
  const int32_t total = std::max<int32_t>(0, (out - 1) * stride + effective - in);
  return total / 2;
}

}  // namespace xlite::window

namespace xlite::ref {

// The geometry of CONV_2D and DEPTHWISE_CONV_2D over NHWC.
struct ConvGeometry {
  int32_t batches, in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t filter_h, filter_w, filter_c;  // filter_c = in_c / groups
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
};

}  // namespace xlite::ref

namespace xlite::window {

// Explicit padding of a VALID convolution: the attribute xlite_pad =
// [top, bottom, left, right] says the input is zero padded by these amounts
// first (passes/fuse_pad.cc folds a PAD that SAME cannot express into the
// convolution this way). False when absent; an error when malformed.
inline Result<bool> explicit_pads(const Attrs& a, int64_t pads[4]) {
  if (!a.has("xlite_pad")) return false;
  const std::vector<int64_t> v = a.get_ints("xlite_pad");
  if (v.size() != 4) return Status::error("xlite_pad must be [top, bottom, left, right]");
  for (int i = 0; i < 4; ++i) {
    if (v[i] < 0 || v[i] > (int64_t{1} << 20)) return Status::error("xlite_pad amounts must be in [0, 2^20]");
    pads[i] = v[i];
  }
  if (a.get_int("padding", 0) != kValid) return Status::error("xlite_pad needs padding VALID");
  return true;
}

// Strides, dilations and padding from Conv2DOptions/DepthwiseConv2DOptions
// into `g` (whose input and filter sizes are set), and the output size.
inline Status conv_window(const Attrs& a, ref::ConvGeometry* g) {
  g->stride_h = static_cast<int32_t>(a.get_int("stride_h", 1));
  g->stride_w = static_cast<int32_t>(a.get_int("stride_w", 1));
  g->dilation_h = static_cast<int32_t>(a.get_int("dilation_h_factor", 1));
  g->dilation_w = static_cast<int32_t>(a.get_int("dilation_w_factor", 1));
  if (g->stride_h <= 0 || g->stride_w <= 0 || g->dilation_h <= 0 || g->dilation_w <= 0)
    return Status::error("strides and dilations must be positive");
  int64_t pads[4];
  const Result<bool> explicit_pad = explicit_pads(a, pads);
  if (!explicit_pad.ok()) return explicit_pad.status();
  if (explicit_pad.value()) {
    // VALID over the padded input; the kernels read zeros outside x.
    const int64_t in_h = g->in_h + pads[0] + pads[1], in_w = g->in_w + pads[2] + pads[3];
    if (in_h > (int64_t{1} << 30) || in_w > (int64_t{1} << 30)) return Status::error("padded input too large");
    g->out_h = out_size(kValid, static_cast<int32_t>(in_h), g->filter_h, g->stride_h, g->dilation_h);
    g->out_w = out_size(kValid, static_cast<int32_t>(in_w), g->filter_w, g->stride_w, g->dilation_w);
    g->pad_h = static_cast<int32_t>(pads[0]);
    g->pad_w = static_cast<int32_t>(pads[2]);
    return ok_status();
  }
  const int padding = static_cast<int>(a.get_int("padding", 0));
  g->out_h = out_size(padding, g->in_h, g->filter_h, g->stride_h, g->dilation_h);
  g->out_w = out_size(padding, g->in_w, g->filter_w, g->stride_w, g->dilation_w);
  g->pad_h = pad_before(g->in_h, g->filter_h, g->stride_h, g->dilation_h, g->out_h);
  g->pad_w = pad_before(g->in_w, g->filter_w, g->stride_w, g->dilation_w, g->out_w);
  return ok_status();
}

}  // namespace xlite::window

