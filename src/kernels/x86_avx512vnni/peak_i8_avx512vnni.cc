// SPDX-License-Identifier: Apache-2.0
// int8 dot-product throughput, AVX-512 VNNI: VPDPBUSD does 64 u8 x s8
// multiply-adds into 16 int32 lanes (128 operations); 16 independent
// chains cover its latency.
#include <cstdint>

#include "kernels/peak.h"
#include <immintrin.h>

namespace xlite::kernels {
namespace {

constexpr int kChains = 16;

uint64_t run(uint64_t iterations, int32_t* sink) {
  const __m512i a = _mm512_set1_epi8(static_cast<char>(*sink | 1)), b = _mm512_set1_epi8(3);
  __m512i acc[kChains];
#pragma GCC unroll 16
  for (int j = 0; j < kChains; ++j) acc[j] = _mm512_set1_epi32(j);
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int j = 0; j < kChains; ++j) acc[j] = _mm512_dpbusd_epi32(acc[j], a, b);
  }
  __m512i sum = acc[0];
#pragma GCC unroll 16
  for (int j = 1; j < kChains; ++j) sum = _mm512_add_epi32(sum, acc[j]);
  // Through memory: GCC 12 warns inside _mm512_reduce_add_epi32.
  int32_t lanes[16];
  _mm512_storeu_si512(lanes, sum);
  uint32_t total = 0;
  for (int32_t x : lanes) total += static_cast<uint32_t>(x);
  *sink = static_cast<int32_t>(total);
  return iterations * kChains * 64 * 2;
}

}  // namespace

extern const PeakI8Kernel peak_i8_avx512vnni = {&run};

}  // namespace xlite::kernels
