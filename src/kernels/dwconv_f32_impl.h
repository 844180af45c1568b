// SPDX-License-Identifier: Apache-2.0
// The float32 depthwise convolution (depth multiplier 1), written once over
// a vector type V (see gemm_f32_impl.h for V and why this header is only
// for ISA source files). For each output pixel, channels go in blocks of CB
// vectors held in registers while the valid taps accumulate into them;
// padded taps are skipped, never read.
#pragma once

#include <cstdint>

#include "kernels/dwconv_f32.h"

namespace xlite::kernels::impl {

// The taps f in [lo, hi) with 0 <= start + f * dilation < size.
static inline void dwconv_valid_taps(int32_t start, int32_t dilation, int32_t taps, int32_t size, int32_t* lo,
                              int32_t* hi) {
  int32_t l = start < 0 ? (-start + dilation - 1) / dilation : 0;
  int32_t h = size - start <= 0 ? 0 : (size - start + dilation - 1) / dilation;
  if (h > taps) h = taps;
  if (l > h) l = h;
  *lo = l;
  *hi = h;
}

// CB vectors of channels from c (n valid channels in the last vector when
// Partial) for one output pixel.
template <class V, int CB, bool Partial>
inline void dwconv_f32_block(const DwConvF32Args& p, const float* in_batch, int32_t iy0, int32_t ix0, int32_t fy_lo,
                             int32_t fy_hi, int32_t fx_lo, int32_t fx_hi, int64_t c, int n, float* out,
                             typename V::T vlo, typename V::T vhi) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  const int64_t cs = (C + kDwConvChannelAlign - 1) / kDwConvChannelAlign * kDwConvChannelAlign;
  const float* wts = p.packed + cs + c;
  T acc[CB];
#pragma GCC unroll 8
  for (int j = 0; j < CB; ++j) acc[j] = V::zero();
  for (int32_t fy = fy_lo; fy < fy_hi; ++fy) {
    const float* row = in_batch + static_cast<int64_t>(iy0 + fy * s.dilation_h) * s.in_w * C + c;
    const float* wrow = wts + static_cast<int64_t>(fy) * s.filter_w * cs;
    for (int32_t fx = fx_lo; fx < fx_hi; ++fx) {
      const float* ip = row + static_cast<int64_t>(ix0 + fx * s.dilation_w) * C;
      const float* wp = wrow + fx * cs;
#pragma GCC unroll 8
      for (int j = 0; j < CB; ++j) {
        const T x = Partial ? V::load_partial(ip + j * W, n) : V::load(ip + j * W);
        acc[j] = V::fma(x, V::load(wp + j * W), acc[j]);
      }
    }
  }
#pragma GCC unroll 8
  for (int j = 0; j < CB; ++j) {
    const T v = V::min(vhi, V::max(vlo, V::add(acc[j], V::load(p.packed + c + j * W))));  // bias last, as the reference
    if (Partial)
      V::store_partial(out + c + j * W, v, n);
    else
      V::store(out + c + j * W, v);
  }
}

template <class V, int CB>
void dwconv_f32(const DwConvF32Args& p, int64_t row_begin, int64_t row_end) {
  constexpr int W = V::kWidth;
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  const typename V::T vlo = V::set1(p.min), vhi = V::set1(p.max);
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / s.out_h);
    const int32_t oy = static_cast<int32_t>(row % s.out_h);
    const float* in_batch = p.input + static_cast<int64_t>(b) * s.in_h * s.in_w * C;
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    int32_t fy_lo, fy_hi;
    dwconv_valid_taps(iy0, s.dilation_h, s.filter_h, s.in_h, &fy_lo, &fy_hi);
    for (int32_t ox = 0; ox < s.out_w; ++ox) {
      const int32_t ix0 = ox * s.stride_w - s.pad_w;
      int32_t fx_lo, fx_hi;
      dwconv_valid_taps(ix0, s.dilation_w, s.filter_w, s.in_w, &fx_lo, &fx_hi);
      float* out = p.output + (row * s.out_w + ox) * C;
      int64_t c = 0;
      for (; c + CB * W <= C; c += CB * W)
        dwconv_f32_block<V, CB, false>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, W, out, vlo, vhi);
      for (; c + W <= C; c += W)
        dwconv_f32_block<V, 1, false>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, W, out, vlo, vhi);
      if (c < C)
        dwconv_f32_block<V, 1, true>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, static_cast<int>(C - c),
                                     out, vlo, vhi);
    }
  }
}

}  // namespace xlite::kernels::impl
