// SPDX-License-Identifier: Apache-2.0
// int8 MUL (mul_i8.h), AVX2, 32 outputs a step, bit-exact: the offset
// inputs (|x| <= 255) multiply exactly into int32 (VPMULLW + VPMULHW,
// interleaved), then the requantization of requant_i8_avx2.cc with one
// multiplier (the same floor-shift form of the reference's high multiply
// and its rounding shift), offset and clamp after the saturating packs.
#include <immintrin.h>

#include <cstring>

#include "kernels/mul_i8.h"

namespace xlite::kernels {
namespace {

struct Consts {
  __m256i off1, off2, m, m_odd, left, right, mask, half, offset16, lo8, hi8, nudge;
  explicit Consts(const MulI8Params& p)
      : off1(_mm256_set1_epi16(static_cast<int16_t>(p.in1_offset))),
        off2(_mm256_set1_epi16(static_cast<int16_t>(p.in2_offset))),
        m(_mm256_set1_epi32(p.multiplier)),
        m_odd(_mm256_set1_epi32(p.multiplier)),
        left(_mm256_set1_epi32(p.left)),
        right(_mm256_set1_epi32(p.right)),
        mask(_mm256_set1_epi32(static_cast<int32_t>((int64_t{1} << p.right) - 1))),
        half(_mm256_set1_epi32(static_cast<int32_t>(((int64_t{1} << p.right) - 1) >> 1))),
        offset16(_mm256_set1_epi16(static_cast<int16_t>(p.output_offset))),
        lo8(_mm256_set1_epi8(static_cast<int8_t>(p.act_min))),
        hi8(_mm256_set1_epi8(static_cast<int8_t>(p.act_max))),
        nudge(_mm256_set1_epi64x(int64_t{1} << 30)) {}
};

// 8 int32 products -> the rounded, shifted values (before the offset).
inline __m256i scaled8(__m256i x, const Consts& c) {
  const __m256i a = _mm256_sllv_epi32(x, c.left);
  const __m256i ev = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(a, c.m), c.nudge), 31);
  const __m256i od =
      _mm256_slli_epi64(_mm256_add_epi64(_mm256_mul_epi32(_mm256_shuffle_epi32(a, 0xF5), c.m_odd), c.nudge), 1);
  const __m256i high = _mm256_blend_epi32(ev, od, 0xAA);
  const __m256i neg = _mm256_cmpgt_epi32(_mm256_setzero_si256(), high);
  const __m256i up = _mm256_cmpgt_epi32(_mm256_and_si256(high, c.mask), _mm256_sub_epi32(c.half, neg));
  return _mm256_sub_epi32(_mm256_srav_epi32(high, c.right), up);
}

inline __m256i load16(const int8_t* p, int64_t s) {
  if (s == 0) return _mm256_set1_epi16(p[0]);
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

// 16 outputs as int16 (offset added, saturated), in order.
inline __m256i mul16(const int8_t* a, int64_t sa, const int8_t* b, int64_t sb, const Consts& c) {
  const __m256i x = _mm256_add_epi16(load16(a, sa), c.off1);
  const __m256i y = _mm256_add_epi16(load16(b, sb), c.off2);
  const __m256i lo = _mm256_mullo_epi16(x, y), hi = _mm256_mulhi_epi16(x, y);
  // In-lane interleaves give elements 0-3, 8-11 and 4-7, 12-15; the in-lane
  // pack puts them back in order.
  const __m256i p0 = scaled8(_mm256_unpacklo_epi16(lo, hi), c);
  const __m256i p1 = scaled8(_mm256_unpackhi_epi16(lo, hi), c);
  return _mm256_adds_epi16(_mm256_packs_epi32(p0, p1), c.offset16);
}

void mul_i8_avx2_run(const MulI8Params& p, const int8_t* a, int64_t sa, const int8_t* b, int64_t sb, int8_t* out,
                     int64_t n) {
  const Consts c(p);
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i w0 = mul16(a + i * sa, sa, b + i * sb, sb, c);
    const __m256i w1 = mul16(a + (i + 16) * sa, sa, b + (i + 16) * sb, sb, c);
    // In-lane pack: w0 0-7, w1 0-7 | w0 8-15, w1 8-15; the permute orders it.
    const __m256i v = _mm256_permute4x64_epi64(_mm256_packs_epi16(w0, w1), 0xD8);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), _mm256_min_epi8(_mm256_max_epi8(v, c.lo8), c.hi8));
  }
  if (i < n) {  // the tail through a zero-padded copy
    alignas(32) int8_t ta[32] = {}, tb[32] = {}, to[32];
    const int64_t left = n - i;
    for (int64_t k = 0; k < left; ++k) ta[k] = a[(i + k) * sa], tb[k] = b[(i + k) * sb];
    const __m256i w0 = mul16(ta, 1, tb, 1, c);
    const __m256i w1 = mul16(ta + 16, 1, tb + 16, 1, c);
    const __m256i v = _mm256_permute4x64_epi64(_mm256_packs_epi16(w0, w1), 0xD8);
    _mm256_store_si256(reinterpret_cast<__m256i*>(to), _mm256_min_epi8(_mm256_max_epi8(v, c.lo8), c.hi8));
    std::memcpy(out + i, to, static_cast<size_t>(left));
  }
}

}  // namespace

extern const MulI8Kernel mul_i8_avx2 = {&mul_i8_avx2_run};

}  // namespace xlite::kernels
