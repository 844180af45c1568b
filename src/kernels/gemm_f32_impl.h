// SPDX-License-Identifier: Apache-2.0
// The float32 GEMM microkernel and its loop nest, written once over a vector
// type V and instantiated by each ISA's gemm_f32_<isa>_<tile>.cc. V is that
// ISA's traits struct (vec_<isa>.h, in an anonymous namespace), so every
// instantiation has internal linkage: the linker can never hand one ISA's
// copy to another's caller. Include this only from ISA source files, and
// use nothing from the standard library in it for the same reason.
//
// V provides: T, kWidth, zero, add, load/store (unaligned), load_partial/store_partial
// (first n lanes; load_partial reads nothing past them and zeroes the
// rest), set1, broadcast (from memory), fma(a, b, c) = a * b + c, and
// max(lo, x) / min(hi, x) that return x when x is NaN (as the reference's
// std::min/std::max do).
#pragma once

#include <cstdint>

#include "kernels/gemm_f32.h"

namespace xlite::kernels::impl {

// Bytes of packed weights one pass over the rows keeps hot: a block of
// panels this large is reused by every row tile before the next block.
constexpr int64_t kGemmPanelBlockBytes = 256 * 1024;

// Where a tile's rows of A are: plain or strided (row r's run s at
// a + r * lda + s * seg_stride; plain is one run of all K) or indirect
// (row r's run s at rows[r * segs + s]); each run seg_k long.
struct TileA {
  const float* a;
  int64_t lda;
  const float* const* rows;  // nullptr: plain or strided
  int64_t segs, seg_k;
  int64_t seg_stride = 0;
};

// Row i's tile view of p's A.
static inline TileA tile_a(const GemmF32Args& p, int64_t i) {
  if (p.a_rows) return TileA{nullptr, 0, p.a_rows + i * p.segs, p.segs, p.seg_k};
  if (p.segs > 1) return TileA{p.a + i * p.lda, p.lda, nullptr, p.segs, p.seg_k, p.seg_stride};
  return TileA{p.a + i * p.lda, p.lda, nullptr, 1, p.k};
}

// MR rows x (NV * kWidth) columns of a panel NRP columns wide, all of K,
// in registers; bias and clamp last. nc (<= NV * kWidth) columns are stored.
template <class V, int MR, int NV, int NRP>
inline void gemm_f32_tile(const TileA& ta, const float* w, float* c, int64_t ldc, int nc, float lo, float hi) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  constexpr int NR = W * NV;
  T acc[MR][NV];
#pragma GCC unroll 16
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j) acc[r][j] = V::zero();
  const float* bias = w;
  w += NRP;
  for (int64_t s = 0; s < ta.segs; ++s) {
    const float* ar[MR];
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) ar[r] = ta.rows ? ta.rows[r * ta.segs + s] : ta.a + r * ta.lda + s * ta.seg_stride;
    for (int64_t kk = 0; kk < ta.seg_k; ++kk) {
      T b[NV];
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) b[j] = V::load(w + j * W);
      w += NRP;
#pragma GCC unroll 16
      for (int r = 0; r < MR; ++r) {
        const T x = V::broadcast(ar[r] + kk);
#pragma GCC unroll 8
        for (int j = 0; j < NV; ++j) acc[r][j] = V::fma(x, b[j], acc[r][j]);
      }
    }
  }
  const T vlo = V::set1(lo), vhi = V::set1(hi);
  // The bias is added after the sum, as the reference does, so the only
  // difference in rounding is the fused multiply-add.
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) {
    const T b = V::load(bias + j * W);
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) acc[r][j] = V::min(vhi, V::max(vlo, V::add(acc[r][j], b)));
  }
  if (nc == NR) {
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) V::store(c + r * ldc + j * W, acc[r][j]);
  } else {
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) {
        const int left = nc - j * W;
        if (left >= W)
          V::store(c + r * ldc + j * W, acc[r][j]);
        else if (left > 0)
          V::store_partial(c + r * ldc + j * W, acc[r][j], left);
      }
  }
}

// A tile of exactly `mr` (1..R) rows and the `nv` (1..NV) vectors that
// cover its columns: each is its own fully unrolled instantiation, so a
// short last row tile (or a batch-1 FULLY_CONNECTED) or a narrow last panel
// does no wasted arithmetic.
template <class V, int NV, int R, int NRP>
inline void gemm_f32_rows(int mr, const TileA& ta, const float* w, float* c, int64_t ldc, int nc, float lo,
                          float hi) {
  if constexpr (R > 1) {
    if (mr < R) return gemm_f32_rows<V, NV, R - 1, NRP>(mr, ta, w, c, ldc, nc, lo, hi);
  }
  if constexpr (NV > 1) {
    if (nc <= (NV - 1) * V::kWidth) return gemm_f32_rows<V, NV - 1, R, NRP>(mr, ta, w, c, ldc, nc, lo, hi);
  }
  gemm_f32_tile<V, R, NV, NRP>(ta, w, c, ldc, nc, lo, hi);
}

// One column as row dot products (GemmF32Args::dot): two accumulators
// along K per row, summed across lanes, then bias and clamp; the post step
// runs every 64 rows.
template <class V>
void gemm_f32_dot(const GemmF32Args& p, int64_t m_begin, int64_t m_end) {
  using T = typename V::T;
  constexpr int W = V::kWidth;
  const float bias = p.dot[p.k];
  const bool runs = p.a_rows || p.segs > 1;
  const int64_t segs = runs ? p.segs : 1, seg_k = runs ? p.seg_k : p.k;
  for (int64_t i0 = m_begin; i0 < m_end; i0 += 64) {
    const int64_t i1 = i0 + 64 < m_end ? i0 + 64 : m_end;
    for (int64_t i = i0; i < i1; ++i) {
      T acc0 = V::zero(), acc1 = V::zero();
      for (int64_t s = 0; s < segs; ++s) {
        const float* a = p.a_rows ? p.a_rows[i * segs + s] : p.a + i * p.lda + s * p.seg_stride;
        const float* w = p.dot + s * seg_k;
        int64_t kk = 0;
        for (; kk + 2 * W <= seg_k; kk += 2 * W) {
          acc0 = V::fma(V::load(a + kk), V::load(w + kk), acc0);
          acc1 = V::fma(V::load(a + kk + W), V::load(w + kk + W), acc1);
        }
        for (; kk + W <= seg_k; kk += W) acc0 = V::fma(V::load(a + kk), V::load(w + kk), acc0);
        if (kk < seg_k) {
          const int rem = static_cast<int>(seg_k - kk);
          acc1 = V::fma(V::load_partial(a + kk, rem), V::load_partial(w + kk, rem), acc1);
        }
      }
      float lanes[W];
      V::store(lanes, V::add(acc0, acc1));
      float v = 0.0f;
      for (int j = 0; j < W; ++j) v += lanes[j];
      v += bias;
      // The clamp keeps NaN, as the tiles' V::max/V::min do.
      if (v < p.min) v = p.min;
      if (v > p.max) v = p.max;
      p.c[i * p.ldc] = v;
    }
    if (p.post.fn) p.post.fn(p.post.ctx, p.c + i0 * p.ldc, i1 - i0, 1, p.ldc);
  }
}

// One vector of columns (a first layer's 8 channels) in tiles of MR1 rows,
// twice the usual, so enough independent sums hide the FMA latency. Out of
// line, so the wide path's loop nest keeps its inlined tiles.
template <class V, int MR1, int NR>
__attribute__((noinline)) void gemm_f32_narrow(const GemmF32Args& p, int64_t m_begin, int64_t m_end) {
  for (int64_t i = m_begin; i < m_end; i += MR1) {
    const int mr = m_end - i < MR1 ? static_cast<int>(m_end - i) : MR1;
    const TileA ta = tile_a(p, i);
    float* c = p.c + i * p.ldc;
    gemm_f32_rows<V, 1, MR1, NR>(mr, ta, p.packed, c, p.ldc, static_cast<int>(p.n), p.min, p.max);
    if (p.post.fn) p.post.fn(p.post.ctx, c, mr, p.n, p.ldc);
  }
}

// Rows [m_begin, m_end). Panels are taken in blocks of about
// kGemmPanelBlockBytes; within a block, row tiles outer, panels inner, so a
// row tile's A stays in L1 and the block's weights in L2.
template <class V, int MR, int NV>
void gemm_f32(const GemmF32Args& p, int64_t m_begin, int64_t m_end) {
  if (p.dot) return gemm_f32_dot<V>(p, m_begin, m_end);
  constexpr int NR = V::kWidth * NV;
  const int64_t panels = (p.n + NR - 1) / NR;
  const int64_t panel_floats = (p.k + 1) * NR;
  int64_t block = kGemmPanelBlockBytes / (panel_floats * static_cast<int64_t>(sizeof(float)));
  if (block < 1) block = 1;
  if constexpr (NV > 1) {
    if (p.n <= V::kWidth) return gemm_f32_narrow<V, 2 * MR, NR>(p, m_begin, m_end);
  }
  for (int64_t p0 = 0; p0 < panels; p0 += block) {
    const int64_t p1 = p0 + block < panels ? p0 + block : panels;
    for (int64_t i = m_begin; i < m_end; i += MR) {
      const int mr = m_end - i < MR ? static_cast<int>(m_end - i) : MR;
      const TileA ta = tile_a(p, i);
      float* c = p.c + i * p.ldc;
      for (int64_t q = p0; q < p1; ++q) {
        const int64_t left = p.n - q * NR;
        const int nc = left < NR ? static_cast<int>(left) : NR;
        gemm_f32_rows<V, NV, MR, NR>(mr, ta, p.packed + q * panel_floats, c + q * NR, p.ldc, nc, p.min, p.max);
      }
      if (p.post.fn) {
        const int64_t c1 = p1 * NR < p.n ? p1 * NR : p.n;
        p.post.fn(p.post.ctx, c + p0 * NR, mr, c1 - p0 * NR, p.ldc);
      }
    }
  }
}

}  // namespace xlite::kernels::impl
