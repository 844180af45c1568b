// SPDX-License-Identifier: Apache-2.0
// Per-channel fixed-point requantization (conv_i8.h), AVX2, 8 channels at a
// time, bit-exact with the reference's scalar arithmetic:
//  - the high multiply: the reference adds a nudge of 2^30 (1 - 2^30 for a
//    negative product) and divides by 2^31 truncating toward zero. For a
//    negative product that is floor((ab + 1 - 2^30 + 2^31 - 1) / 2^31), so
//    in every case floor((ab + 2^30) / 2^31): bits 31..62 of ab + 2^30,
//    which a logical shift gives as well as an arithmetic one (AVX2 has no
//    64-bit arithmetic shift). Products of even and odd lanes separately
//    (VPMULDQ);
//  - the rounding shift right: arithmetic shift plus one where the
//    remainder exceeds half (plus one for negatives), as the reference.
#include <immintrin.h>

#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

inline __m256i requant8(__m256i x, const RequantChannelsI8& q, int64_t j) {
  const __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q.multiplier + j));
  const __m256i left = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q.left + j));
  const __m256i right = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q.right + j));
  const __m256i a = _mm256_sllv_epi32(x, left);
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  // Even lanes: the result in each 64-bit lane's low half; odd lanes: in
  // its high half (shifted left by 1 instead of right by 31).
  const __m256i ev = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(a, m), nudge), 31);
  const __m256i od = _mm256_slli_epi64(
      _mm256_add_epi64(_mm256_mul_epi32(_mm256_shuffle_epi32(a, 0xF5), _mm256_shuffle_epi32(m, 0xF5)), nudge), 1);
  const __m256i high = _mm256_blend_epi32(ev, od, 0xAA);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
  const __m256i neg = _mm256_cmpgt_epi32(_mm256_setzero_si256(), high);
  const __m256i threshold = _mm256_sub_epi32(_mm256_srai_epi32(mask, 1), neg);  // + 1 when negative
  const __m256i up = _mm256_cmpgt_epi32(_mm256_and_si256(high, mask), threshold);
  __m256i v = _mm256_sub_epi32(_mm256_srav_epi32(high, right), up);
  v = _mm256_add_epi32(v, _mm256_set1_epi32(q.output_offset));
  v = _mm256_max_epi32(v, _mm256_set1_epi32(q.act_min));
  return _mm256_min_epi32(v, _mm256_set1_epi32(q.act_max));
}

// 8 int32 (already in int8 range) -> 8 int8.
inline __m128i narrow8(__m256i v) {
  const __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return _mm_packs_epi16(w, w);
}

void requant_i8_avx2_run(const RequantChannelsI8& q, const int32_t* acc, int64_t lda, int64_t rows, int64_t n,
                         int8_t* out, int64_t ldo) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (int64_t r = 0; r < rows; ++r) {
    const int32_t* a = acc + r * lda;
    int8_t* o = out + r * ldo;
    int64_t j = 0;
    for (; j + 8 <= n; j += 8) {
      const __m256i v = requant8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j)), q, j);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(o + j), narrow8(v));
    }
    if (j < n) {
      const int left = static_cast<int>(n - j);
      const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), lane);
      const __m256i v = requant8(_mm256_maskload_epi32(a + j, mask), q, j);
      alignas(16) int8_t tmp[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(tmp), narrow8(v));
      std::memcpy(o + j, tmp, static_cast<size_t>(left));
    }
  }
}

}  // namespace

extern const RequantI8Kernel requant_i8_avx2 = {&requant_i8_avx2_run};

}  // namespace xlite::kernels
