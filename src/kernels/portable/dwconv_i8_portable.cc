// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), plain C++: the reference's loops on
// the packed weights, a row of int32 sums at a time, then the op's
// requantization. Sums wrap (unsigned arithmetic) as the reference's do.
#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

constexpr int kChannelBlock = 16;

int64_t channel_stride(int64_t channels) { return (channels + kChannelBlock - 1) / kChannelBlock * kChannelBlock; }

int64_t scratch_bytes(const ConvF32Shape& s) {
  return static_cast<int64_t>(s.out_w) * channel_stride(s.out_c) * 4;
}

void dwconv_i8_portable_run(const DwConvI8Args& p, int64_t row_begin, int64_t row_end) {
  const ConvF32Shape& s = p.s;
  const int64_t cs = channel_stride(s.out_c);
  const int32_t mult = s.out_c / s.in_c;
  const int16_t* wp = p.packed + 2 * cs;
  int32_t* acc = static_cast<int32_t*>(p.scratch);
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int64_t b = row / s.out_h;
    const int32_t oy = static_cast<int32_t>(row % s.out_h);
    for (int32_t ox = 0; ox < s.out_w; ++ox) {
      const int32_t iy0 = oy * s.stride_h - s.pad_h, ix0 = ox * s.stride_w - s.pad_w;
      uint32_t* a = reinterpret_cast<uint32_t*>(acc + ox * cs);
      std::memcpy(a, p.packed, s.out_c * sizeof(uint32_t));  // the bias
      for (int32_t fy = 0; fy < s.filter_h; ++fy) {
        const int32_t iy = iy0 + fy * s.dilation_h;
        if (iy < 0 || iy >= s.in_h) continue;
        for (int32_t fx = 0; fx < s.filter_w; ++fx) {
          const int32_t ix = ix0 + fx * s.dilation_w;
          if (ix < 0 || ix >= s.in_w) continue;
          const int8_t* x = p.input + ((b * s.in_h + iy) * s.in_w + ix) * s.in_c;
          const int32_t t = fy * s.filter_w + fx;
          const int16_t* w = wp + (t / 2) * 2 * cs + (t & 1);
          for (int32_t oc = 0; oc < s.out_c; ++oc)
            a[oc] += static_cast<uint32_t>(w[2 * oc] * (x[oc / mult] - p.input_zero_point));
        }
      }
    }
    p.requant.fn(p.requant.ctx, acc, cs, s.out_w, 0, s.out_c, p.output + row * s.out_w * s.out_c, s.out_c);
  }
}

}  // namespace

extern const DwConvI8Kernel dwconv_i8_portable = {&dwconv_i8_portable_run, &scratch_bytes, kChannelBlock};

}  // namespace xlite::kernels
