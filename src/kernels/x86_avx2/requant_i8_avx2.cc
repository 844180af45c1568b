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

// The rounded, shifted product before the output offset and the clamp.
inline __m256i scaled8(__m256i x, const RequantChannelsI8& q, int64_t j) {
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
  return _mm256_sub_epi32(_mm256_srav_epi32(high, right), up);
}

// The offset and the clamp after narrowing, which is exact: the saturating
// packs clamp to int16 and then to [-128, 127], the offset (|offset| <=
// 255) is added with int16 saturation, and [act_min, act_max] lies inside
// [-128, 127], so a value out of int16 range ends at the same bound either
// way.
struct Finish {
  __m256i offset16, lo8, hi8;
  explicit Finish(const RequantChannelsI8& q)
      : offset16(_mm256_set1_epi16(static_cast<int16_t>(q.output_offset))),
        lo8(_mm256_set1_epi8(static_cast<int8_t>(q.act_min))),
        hi8(_mm256_set1_epi8(static_cast<int8_t>(q.act_max))) {}
  __m256i clamp(__m256i b) const { return _mm256_min_epi8(_mm256_max_epi8(b, lo8), hi8); }
};

// 8 int32 -> 8 int8 (in the low 8 bytes).
inline __m128i narrow8(__m256i v, const Finish& f) {
  __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  w = _mm_adds_epi16(w, _mm256_castsi256_si128(f.offset16));
  return _mm256_castsi256_si128(f.clamp(_mm256_castsi128_si256(_mm_packs_epi16(w, w))));
}

void requant_i8_avx2_run(const RequantChannelsI8& q, const int32_t* acc, int64_t lda, int64_t rows, int64_t n,
                         int8_t* out, int64_t ldo) {
  const RequantChannelsI8 p = q;  // a local copy: the int8 stores cannot alias it
  const Finish f(p);
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  for (int64_t r = 0; r < rows; ++r) {
    const int32_t* a = acc + r * lda;
    int8_t* o = out + r * ldo;
    int64_t j = 0;
    for (; j + 32 <= n; j += 32) {
      const __m256i v0 = scaled8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j)), p, j);
      const __m256i v1 = scaled8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j + 8)), p, j + 8);
      const __m256i v2 = scaled8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j + 16)), p, j + 16);
      const __m256i v3 = scaled8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j + 24)), p, j + 24);
      // In-lane packs leave 4-byte groups ordered v0 v1 v2 v3 (low halves)
      // then the same of the high halves; the permute restores the order.
      const __m256i w0 = _mm256_adds_epi16(_mm256_packs_epi32(v0, v1), f.offset16);
      const __m256i w1 = _mm256_adds_epi16(_mm256_packs_epi32(v2, v3), f.offset16);
      const __m256i b = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(w0, w1), order);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + j), f.clamp(b));
    }
    for (; j + 8 <= n; j += 8) {
      const __m256i v = scaled8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + j)), p, j);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(o + j), narrow8(v, f));
    }
    if (j < n) {
      const int left = static_cast<int>(n - j);
      const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), lane);
      const __m256i v = scaled8(_mm256_maskload_epi32(a + j, mask), p, j);
      alignas(16) int8_t tmp[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(tmp), narrow8(v, f));
      std::memcpy(o + j, tmp, static_cast<size_t>(left));
    }
  }
}

}  // namespace

extern const RequantI8Kernel requant_i8_avx2 = {&requant_i8_avx2_run};

}  // namespace xlite::kernels
