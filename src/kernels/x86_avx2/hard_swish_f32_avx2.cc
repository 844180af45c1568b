// SPDX-License-Identifier: Apache-2.0
// float32 HARD_SWISH, AVX2, 8 lanes: the reference's min(6, max(0, x + 3)),
// product and division by 6, lane by lane. _mm256_max_ps(t, 0) returns its
// second operand when t is NaN, as std::max(0.0f, t) returns 0; then
// NaN * 0 keeps the NaN. Remainders through a masked load/store.
#include <immintrin.h>

#include "kernels/hard_swish_f32.h"

namespace xlite::kernels {
namespace {

inline __m256 hswish8(__m256 x) {
  const __m256 r = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(x, _mm256_set1_ps(3.0f)), _mm256_setzero_ps()),
                                 _mm256_set1_ps(6.0f));
  return _mm256_div_ps(_mm256_mul_ps(x, r), _mm256_set1_ps(6.0f));
}

void run(const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, hswish8(_mm256_loadu_ps(x + i)));
  if (i < n) {
    const int rem = static_cast<int>(n - i);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(rem), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    _mm256_maskstore_ps(y + i, mask, hswish8(_mm256_maskload_ps(x + i, mask)));
  }
}

}  // namespace

extern const HardSwishF32Kernel hard_swish_f32_avx2 = {&run};

}  // namespace xlite::kernels
