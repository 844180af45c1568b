// SPDX-License-Identifier: Apache-2.0
// int8 multiply-accumulate throughput with AVX2 (no VNNI): VPMADDUBSW (32
// u8 x s8 products, pairs summed to int16), VPMADDWD by ones (to int32),
// VPADDD: 32 multiply-adds, counted as 64 operations. The operands pass
// through an empty asm each iteration so the products are really
// recomputed; six distinct products feed six accumulators.
#include <cstdint>

#include "kernels/peak.h"
#include <immintrin.h>

namespace xlite::kernels {
namespace {

uint64_t run(uint64_t iterations, int32_t* sink) {
  __m256i a0 = _mm256_set1_epi8(static_cast<char>(*sink | 1)), a1 = _mm256_set1_epi8(2), a2 = _mm256_set1_epi8(3);
  __m256i b0 = _mm256_set1_epi8(5), b1 = _mm256_set1_epi8(-7);
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i acc[6];
  for (__m256i& v : acc) v = _mm256_setzero_si256();
  for (uint64_t i = 0; i < iterations; ++i) {
    __asm__("" : "+x"(a0), "+x"(a1), "+x"(a2), "+x"(b0), "+x"(b1));
    acc[0] = _mm256_add_epi32(acc[0], _mm256_madd_epi16(_mm256_maddubs_epi16(a0, b0), ones));
    acc[1] = _mm256_add_epi32(acc[1], _mm256_madd_epi16(_mm256_maddubs_epi16(a1, b0), ones));
    acc[2] = _mm256_add_epi32(acc[2], _mm256_madd_epi16(_mm256_maddubs_epi16(a2, b0), ones));
    acc[3] = _mm256_add_epi32(acc[3], _mm256_madd_epi16(_mm256_maddubs_epi16(a0, b1), ones));
    acc[4] = _mm256_add_epi32(acc[4], _mm256_madd_epi16(_mm256_maddubs_epi16(a1, b1), ones));
    acc[5] = _mm256_add_epi32(acc[5], _mm256_madd_epi16(_mm256_maddubs_epi16(a2, b1), ones));
  }
  __m256i sum = acc[0];
  for (int j = 1; j < 6; ++j) sum = _mm256_add_epi32(sum, acc[j]);
  int32_t lanes[8];
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes), sum);
  uint32_t total = 0;  // wraps: only a dependency, not a result
  for (int32_t x : lanes) total += static_cast<uint32_t>(x);
  *sink = static_cast<int32_t>(total);
  return iterations * 6 * 32 * 2;
}

}  // namespace

extern const PeakI8Kernel peak_i8_avx2 = {&run};

}  // namespace xlite::kernels
