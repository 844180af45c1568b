// SPDX-License-Identifier: Apache-2.0
// The F(4x4, 3x3) input and output transforms (winograd_f32.h), written
// once over a vector type V (gemm_f32_impl.h lists what V provides) and
// instantiated by each ISA's winograd_f32_<isa>.cc; vectors run over
// channels, the 6x6 patch is walked as two passes of a 1-D transform
// (along the columns of each row, then down each column) through a stack
// buffer that stays in L1. Include only from ISA source files.
//
// The 1-D transforms are the rows of the F(4, 3) matrices for the
// interpolation points 0, -1, 1, 1/2, -2 and infinity (Cook-Toom). The
// choice of points sets the float32 rounding error (Barabasz et al., "Error
// analysis and improving the accuracy of Winograd convolution for deep
// neural networks", 2020); on random data this set came out at about 0.6x
// the mean and 0.35x the worst error of the common 0, +-1, +-2 set, for
// three more adds per 1-D input transform:
//   B^T = [1 -3/2  -2  3/2    1  0]     A^T = [1  1 1   1    1  0]
//         [0    1 -5/2  1/2   1  0]           [0 -1 1  1/2  -2  0]
//         [0   -1  1/2  5/2   1  0]           [0  1 1  1/4   4  0]
//         [0   -2   -1    2   1  0]           [0 -1 1  1/8  -8  1]
//         [0  1/2   -1 -1/2   1  0]
//         [0    1 -3/2   -2 3/2  1]
// (G is in winograd_f32.cc.) Every constant is exact in float32.
#pragma once

#include <cstdint>

#include "kernels/winograd_f32.h"

namespace xlite::kernels::impl {

// o = B^T d along one line of the patch, with the shared terms
// t = d4 - d2 and u = d3 - d1.
template <class V>
inline void winograd_in_1d(const typename V::T d[6], typename V::T o[6]) {
  using T = typename V::T;
  const T half3 = V::set1(1.5f);
  const T t = V::sub(d[4], d[2]);
  const T u = V::sub(d[3], d[1]);
  o[0] = V::fma(half3, u, V::sub(V::add(d[0], t), d[2]));
  o[1] = V::fma(half3, V::sub(d[3], d[2]), V::sub(t, u));
  o[2] = V::fma(half3, V::add(d[3], d[2]), V::add(t, u));
  o[3] = V::fma(V::set1(2.0f), u, t);
  o[4] = V::fma(V::set1(-0.5f), u, t);
  o[5] = V::add(V::fma(half3, t, d[5]), V::fma(V::set1(-2.0f), d[3], d[1]));
}

// o = A^T m along one line of the transformed tile, with s = m2 + m1 and
// e = m2 - m1.
template <class V>
inline void winograd_out_1d(const typename V::T m[6], typename V::T o[4]) {
  const typename V::T s = V::add(m[2], m[1]), e = V::sub(m[2], m[1]);
  o[0] = V::add(V::add(V::add(m[0], s), m[3]), m[4]);
  o[1] = V::fma(V::set1(-2.0f), m[4], V::fma(V::set1(0.5f), m[3], e));
  o[2] = V::fma(V::set1(4.0f), m[4], V::fma(V::set1(0.25f), m[3], s));
  o[3] = V::add(V::fma(V::set1(-8.0f), m[4], V::fma(V::set1(0.125f), m[3], e)), m[5]);
}

template <class V>
void winograd_f32_input(const WinogradInputArgs& a) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  bool col_in[kWinogradPatch];
  for (int j = 0; j < kWinogradPatch; ++j) col_in[j] = a.x0 + j >= 0 && a.x0 + j < a.in_w;
  for (int64_t ch = 0; ch < a.channels; ch += W) {
    const int nc = a.channels - ch < W ? static_cast<int>(a.channels - ch) : W;
    T t[kWinogradPatch][kWinogradPatch];  // t[r][i]: row r transformed along its columns
    for (int r = 0; r < kWinogradPatch; ++r) {
      T d[kWinogradPatch];
      for (int j = 0; j < kWinogradPatch; ++j) {
        if (a.rows[r] == nullptr || !col_in[j]) {
          d[j] = V::zero();
          continue;
        }
        const float* p = a.rows[r] + static_cast<int64_t>(a.x0 + j) * a.channels + ch;
        d[j] = nc == W ? V::load(p) : V::load_partial(p, nc);
      }
      winograd_in_1d<V>(d, t[r]);
    }
    for (int i = 0; i < kWinogradPatch; ++i) {
      const T col[kWinogradPatch] = {t[0][i], t[1][i], t[2][i], t[3][i], t[4][i], t[5][i]};
      T o[kWinogradPatch];
      winograd_in_1d<V>(col, o);
      for (int k = 0; k < kWinogradPatch; ++k) {
        float* dst = a.v + (k * kWinogradPatch + i) * a.point_stride + ch;
        if (nc == W)
          V::store(dst, o[k]);
        else
          V::store_partial(dst, o[k], nc);
      }
    }
  }
}

template <class V>
void winograd_f32_output(const WinogradOutputArgs& a) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const T lo = V::set1(a.min), hi = V::set1(a.max);
  for (int64_t ch = 0; ch < a.n; ch += W) {
    const int nc = a.n - ch < W ? static_cast<int>(a.n - ch) : W;
    T t[kWinogradPatch][kWinogradOut];  // t[k][q]: row k transformed along its columns
    for (int k = 0; k < kWinogradPatch; ++k) {
      T m[kWinogradPatch];
      for (int i = 0; i < kWinogradPatch; ++i) {
        const float* p = a.m + (k * kWinogradPatch + i) * a.point_stride + ch;
        m[i] = nc == W ? V::load(p) : V::load_partial(p, nc);
      }
      winograd_out_1d<V>(m, t[k]);
    }
    T bias = V::zero();
    if (a.bias) bias = nc == W ? V::load(a.bias + ch) : V::load_partial(a.bias + ch, nc);
    for (int q = 0; q < a.cols; ++q) {
      const T col[kWinogradPatch] = {t[0][q], t[1][q], t[2][q], t[3][q], t[4][q], t[5][q]};
      T y[kWinogradOut];
      winograd_out_1d<V>(col, y);
      for (int p = 0; p < a.rows; ++p) {
        // Bias after the sum, then the clamp (NaN stays NaN), as the
        // reference does.
        const T v = V::min(hi, V::max(lo, V::add(y[p], bias)));
        float* dst = a.out + p * a.row_stride + q * a.pixel_stride + ch;
        if (nc == W)
          V::store(dst, v);
        else
          V::store_partial(dst, v, nc);
      }
    }
  }
}

}  // namespace xlite::kernels::impl
