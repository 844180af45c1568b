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
