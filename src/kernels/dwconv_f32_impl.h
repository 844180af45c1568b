// SPDX-License-Identifier: Apache-2.0
// The float32 depthwise convolution (depth multiplier 1), written once over
// a vector type V (see gemm_f32_impl.h for V and why this header is only
// for ISA source files). Padded taps are skipped, never read. Away from the
// left and right edges, P output pixels share each weight load (about one
// load per FMA instead of two); at the edges each pixel accumulates its
// valid taps into blocks of CB channel vectors.
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

// P consecutive output pixels of one row whose every column tap is inside
// the input (no horizontal padding), CV vectors of channels from c (one
// vector with n valid channels when Partial). Each weight vector loaded
// serves P pixels. With the filter width KW and stride SW known at compile
// time (dilation 1; 0 = read them from the shape) the column loop unrolls
// and pixels that read the same input column share one load.
template <class V, int P, int CV, bool Partial, int KW, int SW>
inline void dwconv_f32_pixels(const DwConvF32Args& p, const float* in_batch, int32_t iy0, int32_t ix0, int32_t fy_lo,
                              int32_t fy_hi, int64_t c, int n, float* out, typename V::T vlo, typename V::T vhi) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  const int64_t cs = (C + kDwConvChannelAlign - 1) / kDwConvChannelAlign * kDwConvChannelAlign;
  const int32_t kw = KW > 0 ? KW : s.filter_w;
  const int64_t pixel_step = static_cast<int64_t>(SW > 0 ? SW : s.stride_w) * C;
  const int64_t tap_step = KW > 0 ? C : static_cast<int64_t>(s.dilation_w) * C;
  const float* wts = p.packed + cs + c;
  T acc[P][CV];
#pragma GCC unroll 16
  for (int q = 0; q < P; ++q)
#pragma GCC unroll 4
    for (int v = 0; v < CV; ++v) acc[q][v] = V::zero();
  for (int32_t fy = fy_lo; fy < fy_hi; ++fy) {
    const float* ip = in_batch + (static_cast<int64_t>(iy0 + fy * s.dilation_h) * s.in_w + ix0) * C + c;
    const float* wp = wts + static_cast<int64_t>(fy) * kw * cs;
#pragma GCC unroll 8
    for (int32_t fx = 0; fx < kw; ++fx) {
#pragma GCC unroll 4
      for (int v = 0; v < CV; ++v) {
        const T w = V::load(wp + fx * cs + v * W);
#pragma GCC unroll 16
        for (int q = 0; q < P; ++q) {
          const float* x_at = ip + fx * tap_step + q * pixel_step + v * W;
          const T x = Partial ? V::load_partial(x_at, n) : V::load(x_at);
          acc[q][v] = V::fma(x, w, acc[q][v]);
        }
      }
    }
  }
#pragma GCC unroll 4
  for (int v = 0; v < CV; ++v) {
    const T b = V::load(p.packed + c + v * W);  // bias last, as the reference
#pragma GCC unroll 16
    for (int q = 0; q < P; ++q) {
      const T r = V::min(vhi, V::max(vlo, V::add(acc[q][v], b)));
      if (Partial)
        V::store_partial(out + q * C + c, r, n);
      else
        V::store(out + q * C + c + v * W, r);
    }
  }
}

// All channels of P pixels (see dwconv_f32_pixels), CV vectors at a time.
template <class V, int P, int CV, int KW, int SW>
inline void dwconv_f32_pixel_group(const DwConvF32Args& p, const float* in_batch, int32_t iy0, int32_t ix0,
                                   int32_t fy_lo, int32_t fy_hi, float* out, typename V::T vlo, typename V::T vhi) {
  constexpr int W = V::kWidth;
  const int64_t C = p.s.in_c;
  int64_t c = 0;
  if constexpr (CV > 1) {
    for (; c + CV * W <= C; c += CV * W)
      dwconv_f32_pixels<V, P, CV, false, KW, SW>(p, in_batch, iy0, ix0, fy_lo, fy_hi, c, W, out, vlo, vhi);
  }
  for (; c + W <= C; c += W)
    dwconv_f32_pixels<V, P, 1, false, KW, SW>(p, in_batch, iy0, ix0, fy_lo, fy_hi, c, W, out, vlo, vhi);
  if (c < C)
    dwconv_f32_pixels<V, P, 1, true, KW, SW>(p, in_batch, iy0, ix0, fy_lo, fy_hi, c, static_cast<int>(C - c), out,
                                             vlo, vhi);
}

// The interior columns [ox, ox_b) of one output row, P pixels at a time.
template <class V, int P, int CV, int KW, int SW>
inline void dwconv_f32_interior(const DwConvF32Args& p, const float* in_batch, int32_t iy0, int32_t fy_lo,
                                int32_t fy_hi, int32_t ox, int32_t ox_b, float* out_row, typename V::T vlo,
                                typename V::T vhi) {
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  for (; ox + P <= ox_b; ox += P)
    dwconv_f32_pixel_group<V, P, CV, KW, SW>(p, in_batch, iy0, ox * s.stride_w - s.pad_w, fy_lo, fy_hi, out_row + ox * C,
                                         vlo, vhi);
  for (; ox < ox_b; ++ox)
    dwconv_f32_pixel_group<V, 1, CV, KW, SW>(p, in_batch, iy0, ox * s.stride_w - s.pad_w, fy_lo, fy_hi, out_row + ox * C,
                                         vlo, vhi);
}

// A 1x1 window with stride 1 and no padding (a batch normalisation saved as
// a depthwise convolution): out = x * w[c] + b[c] over the rows' pixels,
// which lie contiguously in input and output. When the weights' pattern
// repeats within a few vectors the rows go a vector at a time.
template <class V>
__attribute__((noinline)) void dwconv_f32_pointwise(const DwConvF32Args& p, int64_t row_begin, int64_t row_end) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  const int64_t cs = (C + kDwConvChannelAlign - 1) / kDwConvChannelAlign * kDwConvChannelAlign;
  const float* bias = p.packed;
  const float* wts = p.packed + cs;
  const T vlo = V::set1(p.min), vhi = V::set1(p.max);
  const int64_t px = (row_end - row_begin) * s.out_w;
  const float* in = p.input + row_begin * s.out_w * C;
  float* out = p.output + (row_begin - p.output_row0) * s.out_w * C;
  // The weights repeat every P = lcm(C, W) floats; up to 4 vectors' worth
  // (C of 1, 2, 3, 4, 6, 8, 12, 16, 24, 32 on 8 lanes), the rows go P at a
  // time as whole vectors.
  int64_t period = C;
  while (period % W != 0) period += C;
  if (period <= 4 * W) {
    const int nv = static_cast<int>(period / W);
    float wr[4 * W], br[4 * W];
    for (int64_t j = 0; j < period; ++j) wr[j] = wts[j % C], br[j] = bias[j % C];
    T w[4], b[4];
    for (int v = 0; v < nv; ++v) w[v] = V::load(wr + v * W), b[v] = V::load(br + v * W);
    const int64_t n = px * C;
    int64_t i = 0;
    for (; i + period <= n; i += period)
      for (int v = 0; v < nv; ++v) {
        const T x = V::fma(V::load(in + i + v * W), w[v], V::zero());
        V::store(out + i + v * W, V::min(vhi, V::max(vlo, V::add(x, b[v]))));
      }
    for (int v = 0; i < n; ++v, i += W) {  // the tail, within one period
      const int left = n - i < W ? static_cast<int>(n - i) : W;
      const T x = V::fma(V::load_partial(in + i, left), w[v], V::zero());
      V::store_partial(out + i, V::min(vhi, V::max(vlo, V::add(x, b[v]))), left);
    }
    return;
  }
  for (int64_t q = 0; q < px; ++q, in += C, out += C) {
    int64_t c = 0;
    for (; c + W <= C; c += W) {
      const T x = V::fma(V::load(in + c), V::load(wts + c), V::zero());
      V::store(out + c, V::min(vhi, V::max(vlo, V::add(x, V::load(bias + c)))));
    }
    if (c < C) {
      const int left = static_cast<int>(C - c);
      const T x = V::fma(V::load_partial(in + c, left), V::load(wts + c), V::zero());
      V::store_partial(out + c, V::min(vhi, V::max(vlo, V::add(x, V::load(bias + c)))), left);
    }
  }
}

// Output rows [row_begin, row_end). Columns whose taps reach into the left
// or right padding go one pixel at a time over their valid taps (blocks of
// CB vectors); the columns between go P pixels at a time.
template <class V, int CB, int P, int CV>
void dwconv_f32(const DwConvF32Args& p, int64_t row_begin, int64_t row_end) {
  constexpr int W = V::kWidth;
  const ConvF32Shape& s = p.s;
  const int64_t C = s.in_c;
  if (s.filter_h == 1 && s.filter_w == 1 && s.stride_h == 1 && s.stride_w == 1 && s.pad_h == 0 && s.pad_w == 0 &&
      s.in_h == s.out_h && s.in_w == s.out_w)
    return dwconv_f32_pointwise<V>(p, row_begin, row_end);
  const typename V::T vlo = V::set1(p.min), vhi = V::set1(p.max);
  // Interior columns [ox_a, ox_b): 0 <= ix0 and ix0 + (KW - 1) * dw < in_w.
  int32_t ox_a = (s.pad_w + s.stride_w - 1) / s.stride_w;
  if (ox_a > s.out_w) ox_a = s.out_w;
  const int32_t last = s.in_w - 1 - (s.filter_w - 1) * s.dilation_w + s.pad_w;
  int32_t ox_b = last < 0 ? 0 : last / s.stride_w + 1;
  if (ox_b > s.out_w) ox_b = s.out_w;
  if (ox_b < ox_a) ox_b = ox_a;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int32_t b = static_cast<int32_t>(row / s.out_h);
    const int32_t oy = static_cast<int32_t>(row % s.out_h);
    const float* in_batch = p.input + static_cast<int64_t>(b) * s.in_h * s.in_w * C;
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    int32_t fy_lo, fy_hi;
    dwconv_valid_taps(iy0, s.dilation_h, s.filter_h, s.in_h, &fy_lo, &fy_hi);
    float* out_row = p.output + (row - p.output_row0) * s.out_w * C;
    auto border = [&](int32_t ox) {
      const int32_t ix0 = ox * s.stride_w - s.pad_w;
      int32_t fx_lo, fx_hi;
      dwconv_valid_taps(ix0, s.dilation_w, s.filter_w, s.in_w, &fx_lo, &fx_hi);
      float* out = out_row + ox * C;
      int64_t c = 0;
      for (; c + CB * W <= C; c += CB * W)
        dwconv_f32_block<V, CB, false>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, W, out, vlo, vhi);
      for (; c + W <= C; c += W)
        dwconv_f32_block<V, 1, false>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, W, out, vlo, vhi);
      if (c < C)
        dwconv_f32_block<V, 1, true>(p, in_batch, iy0, ix0, fy_lo, fy_hi, fx_lo, fx_hi, c, static_cast<int>(C - c),
                                     out, vlo, vhi);
    };
    for (int32_t ox = 0; ox < ox_a; ++ox) border(ox);
    // The common MobileNet/EfficientNet windows get unrolled columns.
    const int32_t kw = s.dilation_w == 1 ? s.filter_w : 0;
    if (kw == 3 && s.stride_w == 1)
      dwconv_f32_interior<V, P, CV, 3, 1>(p, in_batch, iy0, fy_lo, fy_hi, ox_a, ox_b, out_row, vlo, vhi);
    else if (kw == 3 && s.stride_w == 2)
      dwconv_f32_interior<V, P, CV, 3, 2>(p, in_batch, iy0, fy_lo, fy_hi, ox_a, ox_b, out_row, vlo, vhi);
    else if (kw == 5 && s.stride_w == 1)
      dwconv_f32_interior<V, P, CV, 5, 1>(p, in_batch, iy0, fy_lo, fy_hi, ox_a, ox_b, out_row, vlo, vhi);
    else if (kw == 5 && s.stride_w == 2)
      dwconv_f32_interior<V, P, CV, 5, 2>(p, in_batch, iy0, fy_lo, fy_hi, ox_a, ox_b, out_row, vlo, vhi);
    else
      dwconv_f32_interior<V, P, CV, 0, 0>(p, in_batch, iy0, fy_lo, fy_hi, ox_a, ox_b, out_row, vlo, vhi);
    for (int32_t ox = ox_b; ox < s.out_w; ++ox) border(ox);
  }
}

}  // namespace xlite::kernels::impl
