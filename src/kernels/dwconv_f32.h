// SPDX-License-Identifier: Apache-2.0
// float32 DEPTHWISE_CONV_2D with depth multiplier 1 (out_c == in_c), NHWC,
// vectorised over channels. The filter [1, KH, KW, C] and bias are packed
// into rows of dwconv_f32_channel_stride(C) floats (zero padded):
//   row 0: bias, row 1 + (fy * KW + fx): the tap's weights
// so every variant loads whole vectors of weights without a tail.
#pragma once

#include <cstdint>
#include <limits>

#include "kernels/conv2d_f32.h"

namespace xlite::kernels {

struct DwConvF32Args {
  ConvF32Shape s;  // out_c == in_c
  const float* input = nullptr;
  const float* packed = nullptr;
  float* output = nullptr;
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  // Output row r is written at output + (r - output_row0) * out_w * out_c:
  // a caller computing a few rows into a small buffer (the depthwise ->
  // pointwise fusion) passes the first row it asks for.
  int64_t output_row0 = 0;
};

// Output rows (b * out_h + oy) [row_begin, row_end), all columns and channels.
struct DwConvF32Kernel {
  void (*run)(const DwConvF32Args& args, int64_t row_begin, int64_t row_end);
};

constexpr int64_t kDwConvChannelAlign = 16;  // the widest vector, in floats
inline int64_t dwconv_f32_channel_stride(int64_t channels) {
  return (channels + kDwConvChannelAlign - 1) / kDwConvChannelAlign * kDwConvChannelAlign;
}
inline int64_t dwconv_f32_packed_floats(int64_t channels, int64_t taps) {
  return (taps + 1) * dwconv_f32_channel_stride(channels);
}
// filter: [taps][channels]; bias may be null.
void pack_dwconv_f32(const float* filter, const float* bias, int64_t channels, int64_t taps, float* out);

}  // namespace xlite::kernels
