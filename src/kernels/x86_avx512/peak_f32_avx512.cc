// SPDX-License-Identifier: Apache-2.0
// fp32 FMA throughput, AVX-512: 24 independent zmm chains (enough to cover
// FMA latency x issue width on current cores). acc = acc * a + b converges
// to b / (1 - a), so no value ever becomes denormal or infinite.
#include <cstdint>

#include "kernels/peak.h"
#include <immintrin.h>

namespace xlite::kernels {
namespace {

constexpr int kChains = 24;

uint64_t run(uint64_t iterations, float* sink) {
  const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(*sink * 1e-3f + 1e-3f);
  __m512 acc[kChains];
#pragma GCC unroll 32
  for (int j = 0; j < kChains; ++j) acc[j] = _mm512_set1_ps(static_cast<float>(j));
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 32
    for (int j = 0; j < kChains; ++j) acc[j] = _mm512_fmadd_ps(acc[j], a, b);
  }
  __m512 sum = acc[0];
#pragma GCC unroll 32
  for (int j = 1; j < kChains; ++j) sum = _mm512_add_ps(sum, acc[j]);
  // Through memory: GCC 12 warns inside _mm512_reduce_add_ps.
  float lanes[16];
  _mm512_storeu_ps(lanes, sum);
  float total = 0;
  for (float x : lanes) total += x;
  *sink = total;
  return iterations * kChains * 16 * 2;
}

}  // namespace

extern const PeakF32Kernel peak_f32_avx512 = {&run};

}  // namespace xlite::kernels
