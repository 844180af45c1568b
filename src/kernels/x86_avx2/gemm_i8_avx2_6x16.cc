// SPDX-License-Identifier: Apache-2.0
// int8 GEMM (the int16 pairs format, int32 sums; conv_i8.h), AVX2: 6 rows x 16
// columns. Per pair of k, a row's (a[k], a[k+1]) is broadcast as one int32
// and VPMADDWD against 8 packed weight pairs gives 8 exact int32 sums
// a[k] w[k] + a[k+1] w[k+1]; VPMADDUBSW is avoided, it saturates in int16.
// 12 accumulators, 2 weight vectors, a broadcast and a product: all 16
// registers. The packed weights are int8 pairs, widened as loaded.
#include <immintrin.h>

#include "kernels/conv_i8.h"
#include "kernels/gemm_i8_blocks.h"

namespace xlite::kernels {
namespace {

template <int MR, int NV>
inline void tile(int64_t kp, const int16_t* a, int64_t lda, const int8_t* panel, int32_t* c, int64_t ldc, int nc) {
  constexpr int NR = 16;
  __m256i acc[MR][NV];
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) {
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(panel + 32 * j));
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) acc[r][j] = b;
  }
  const int8_t* w = panel + 4 * NR;
  for (int64_t kk = 0; kk < kp; kk += 2, w += 2 * NR) {
    __m256i b[NV];
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j)
      b[j] = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 16 * j)));
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) {
      int32_t pair;
      __builtin_memcpy(&pair, a + r * lda + kk, sizeof pair);
      const __m256i x = _mm256_set1_epi32(pair);
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) acc[r][j] = _mm256_add_epi32(acc[r][j], _mm256_madd_epi16(x, b[j]));
    }
  }
  if (nc == NR) {
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) _mm256_storeu_si256(reinterpret_cast<__m256i*>(c + r * ldc + 8 * j), acc[r][j]);
    return;
  }
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
#pragma GCC unroll 8
  for (int j = 0; j < NV; ++j) {
    const int left = nc - 8 * j;
    if (left <= 0) break;
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), lane);
#pragma GCC unroll 8
    for (int r = 0; r < MR; ++r) _mm256_maskstore_epi32(c + r * ldc + 8 * j, mask, acc[r][j]);
  }
}

// A tile of exactly mr (1..R) rows, and 1 or 2 vectors of columns.
template <int R>
inline void rows(int mr, int64_t kp, const int16_t* a, int64_t lda, const int8_t* panel, int32_t* c, int64_t ldc,
                 int nc) {
  if constexpr (R > 1) {
    if (mr < R) return rows<R - 1>(mr, kp, a, lda, panel, c, ldc, nc);
  }
  if (nc <= 8)
    tile<R, 1>(kp, a, lda, panel, c, ldc, nc);
  else
    tile<R, 2>(kp, a, lda, panel, c, ldc, nc);
}

void gemm_i8_avx2(const GemmI8Args& p, int64_t m_begin, int64_t m_end) {
  constexpr int MR = 6, NR = 16;
  const int16_t* const a = static_cast<const int16_t*>(p.a);
  const int64_t panel_bytes = NR * (4 + p.kp);
  impl::gemm_i8_blocks<MR, NR>(p, m_begin, m_end, [&](int mr, int64_t i, int64_t q, int nc) {
    rows<MR>(mr, p.kp, a + i * p.lda, p.lda, p.packed + q * panel_bytes, p.c + i * p.ldc + q * NR, p.ldc, nc);
  });
}

void widen_avx2(void* out, const int8_t* src, int64_t n, int32_t zp) {
  int16_t* const dst = static_cast<int16_t*>(out);
  const __m256i z = _mm256_set1_epi16(static_cast<int16_t>(zp));
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_sub_epi16(_mm256_cvtepi8_epi16(v), z));
  }
  for (; i < n; ++i) dst[i] = static_cast<int16_t>(src[i] - zp);
}

}  // namespace

extern const GemmI8Kernel gemm_i8_avx2_6x16 = {6, 16, GemmI8Format::kPairsI16, &gemm_i8_avx2, &widen_avx2};

}  // namespace xlite::kernels
