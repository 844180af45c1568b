// SPDX-License-Identifier: Apache-2.0
// fp32 FMA throughput, AVX2: 12 independent ymm chains (two FMA pipes x
// four cycles of latency, with margin). acc = acc * a + b converges to
// b / (1 - a): no denormals, no infinities.
#include <cstdint>

#include "kernels/peak.h"
#include <immintrin.h>

namespace xlite::kernels {
namespace {

constexpr int kChains = 12;

uint64_t run(uint64_t iterations, float* sink) {
  const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(*sink * 1e-3f + 1e-3f);
  __m256 acc[kChains];
#pragma GCC unroll 16
  for (int j = 0; j < kChains; ++j) acc[j] = _mm256_set1_ps(static_cast<float>(j));
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int j = 0; j < kChains; ++j) acc[j] = _mm256_fmadd_ps(acc[j], a, b);
  }
  __m256 sum = acc[0];
#pragma GCC unroll 16
  for (int j = 1; j < kChains; ++j) sum = _mm256_add_ps(sum, acc[j]);
  float lanes[8];
  _mm256_storeu_ps(lanes, sum);
  float total = 0;
  for (float x : lanes) total += x;
  *sink = total;
  return iterations * kChains * 8 * 2;
}

}  // namespace

extern const PeakF32Kernel peak_f32_avx2 = {&run};

}  // namespace xlite::kernels
