// SPDX-License-Identifier: Apache-2.0
// The F(4x4, 3x3) input and output transforms (winograd_f32.h), written
// once over a vector type V (gemm_f32_impl.h lists what V provides) and
// instantiated by each ISA's winograd_f32_<isa>.cc; vectors run over
// channels, the 6x6 patch is walked as two passes of a 1-D transform
// (along the columns of each row, then down each column) through a stack
// buffer that stays in L1. Include only from ISA source files.
//
// The 1-D transforms are the rows of Lavin & Gray's matrices for
// F(4, 3) (interpolation points 0, +-1, +-2 and infinity):
//   B^T = [4  0 -5  0 1 0]      A^T = [1 1  1 1  1 0]
//         [0 -4 -4  1 1 0]            [0 1 -1 2 -2 0]
//         [0  4 -4 -1 1 0]            [0 1  1 4  4 0]
//         [0 -2 -1  2 1 0]            [0 1 -1 8 -8 1]
//         [0  2 -1 -2 1 0]
//         [0  4  0 -5 0 1]
#pragma once

#include <cstdint>

#include "kernels/winograd_f32.h"

namespace xlite::kernels::impl {

// o = B^T d along one line of the patch.
template <class V>
inline void winograd_in_1d(const typename V::T d[6], typename V::T o[6]) {
  using T = typename V::T;
  const T four = V::set1(4.0f), m_four = V::set1(-4.0f), m_five = V::set1(-5.0f), two = V::set1(2.0f);
  const T a = V::fma(m_four, d[2], d[4]);  // d4 - 4 d2
  const T b = V::fma(m_four, d[1], d[3]);  // d3 - 4 d1
  const T c = V::sub(d[4], d[2]);
  const T e = V::mul(two, V::sub(d[3], d[1]));
  o[0] = V::fma(four, d[0], V::fma(m_five, d[2], d[4]));
  o[1] = V::add(a, b);
  o[2] = V::sub(a, b);
  o[3] = V::add(c, e);
  o[4] = V::sub(c, e);
  o[5] = V::fma(four, d[1], V::fma(m_five, d[3], d[5]));
}

// o = A^T m along one line of the transformed tile.
template <class V>
inline void winograd_out_1d(const typename V::T m[6], typename V::T o[4]) {
  using T = typename V::T;
  const T s12 = V::add(m[1], m[2]), d12 = V::sub(m[1], m[2]);
  const T s34 = V::add(m[3], m[4]), d34 = V::sub(m[3], m[4]);
  o[0] = V::add(V::add(m[0], s12), s34);
  o[1] = V::fma(V::set1(2.0f), d34, d12);
  o[2] = V::fma(V::set1(4.0f), s34, s12);
  o[3] = V::add(V::fma(V::set1(8.0f), d34, d12), m[5]);
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
