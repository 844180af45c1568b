// SPDX-License-Identifier: Apache-2.0
// The int8 GEMM of the uint8-quads format (conv_i8.h: A is x + 128 as
// uint8, weights in groups of four k, the zero point folded into the packed
// bias), written once over a vector type V and instantiated by each ISA's
// gemm_i8_<isa>_<tile>.cc. As with gemm_f32_impl.h, V is an ISA's traits
// struct in an anonymous namespace, so every instantiation has internal
// linkage; include this only from ISA source files (and the test-only
// emulation), and use nothing from the standard library in it.
//
// V provides: T (kLanes int32 lanes), kLanes, load (kLanes int32,
// unaligned), store, store_partial (first n lanes), broadcast4 (the 4 bytes
// at p in every lane) and dot(acc, a, w): for each lane l,
//   acc[l] + sum_{e < 4} uint8(a.byte[4l + e]) * int8(w.byte[4l + e])
// wrapping mod 2^32 (AVX-512 VNNI VPDPBUSD).
#pragma once

#include <cstdint>

#include "kernels/conv_i8.h"
#include "kernels/gemm_i8_blocks.h"

namespace xlite::kernels::impl {

// MR rows x (NV * kLanes) columns of a panel NR columns wide, all of K, in
// registers, started from the packed bias; nc (<= NV * kLanes) columns are
// stored.
template <class V, int MR, int NV, int NR>
inline void gemm_i8_u8_tile(int64_t kp, const uint8_t* a, int64_t lda, const int8_t* panel, int32_t* c, int64_t ldc,
                            int nc) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  T acc[MR][NV];
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) {
    const T b = V::load(reinterpret_cast<const int32_t*>(panel + 4 * L * j));
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) acc[r][j] = b;
  }
  const int8_t* w = panel + 4 * NR;
  for (int64_t kk = 0; kk < kp; kk += 4, w += 4 * NR) {
    T b[NV];
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j) b[j] = V::load(reinterpret_cast<const int32_t*>(w + 4 * L * j));
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      const T x = V::broadcast4(a + r * lda + kk);
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) acc[r][j] = V::dot(acc[r][j], x, b[j]);
    }
  }
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) {
    const int left = nc - L * j;
    if (left <= 0) break;
#pragma GCC unroll 16
    for (int r = 0; r < MR; ++r) {
      if (left >= L)
        V::store(c + r * ldc + L * j, acc[r][j]);
      else
        V::store_partial(c + r * ldc + L * j, acc[r][j], left);
    }
  }
}

// A tile of exactly mr (1..R) rows; as few vectors as the nc columns need.
template <class V, int R, int NV, int NR>
inline void gemm_i8_u8_rows(int mr, int64_t kp, const uint8_t* a, int64_t lda, const int8_t* panel, int32_t* c,
                            int64_t ldc, int nc) {
  if constexpr (R > 1) {
    if (mr < R) return gemm_i8_u8_rows<V, R - 1, NV, NR>(mr, kp, a, lda, panel, c, ldc, nc);
  }
  if constexpr (NV > 1) {
    if (nc <= (NV - 1) * V::kLanes) return gemm_i8_u8_rows<V, R, NV - 1, NR>(mr, kp, a, lda, panel, c, ldc, nc);
  }
  gemm_i8_u8_tile<V, R, NV, NR>(kp, a, lda, panel, c, ldc, nc);
}

// MR x (NV * kLanes) tiles over rows [m_begin, m_end) (gemm_i8_blocks.h).
template <class V, int MR, int NV>
void gemm_i8_u8(const GemmI8Args& p, int64_t m_begin, int64_t m_end) {
  constexpr int NR = NV * V::kLanes;
  const uint8_t* const a = static_cast<const uint8_t*>(p.a);
  const int64_t panel_bytes = NR * (4 + p.kp);
  gemm_i8_blocks<MR, NR>(p, m_begin, m_end, [&](int mr, int64_t i, int64_t q, int nc) {
    gemm_i8_u8_rows<V, MR, NV, NR>(mr, p.kp, a + i * p.lda, p.lda, p.packed + q * panel_bytes,
                                   p.c + i * p.ldc + q * NR, p.ldc, nc);
  });
}

// A's elements: x + 128 as uint8, which is x with its sign bit flipped;
// eight at a time through a 64-bit word (the compiler widens the loop to
// the ISA's vectors). A template over V only for internal linkage.
template <class V>
void gemm_i8_u8_load_a(void* dst, const int8_t* src, int64_t n, int32_t /*zp*/) {
  uint8_t* d = static_cast<uint8_t*>(dst);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v;
    __builtin_memcpy(&v, src + i, 8);
    v ^= 0x8080808080808080ull;
    __builtin_memcpy(d + i, &v, 8);
  }
  for (; i < n; ++i) d[i] = static_cast<uint8_t>(src[i]) ^ 0x80u;
}

}  // namespace xlite::kernels::impl
