// SPDX-License-Identifier: Apache-2.0
// float32 per-channel PRELU, AVX2, 8 lanes: the product x * alpha for every
// lane, then a blend on the ordered x >= 0 compare (false for NaN, which
// takes the product and stays NaN; true for -0, which stays -0), exactly
// the reference's select. Remainders go through a masked load/store.
#include <immintrin.h>

#include "kernels/prelu_f32.h"

namespace xlite::kernels {
namespace {

inline __m256 prelu8(__m256 v, __m256 a) {
  const __m256 ge = _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GE_OQ);
  return _mm256_blendv_ps(_mm256_mul_ps(v, a), v, ge);
}

void seg(const float* x, float* y, const float* a, int64_t len) {
  int64_t i = 0;
  for (; i + 16 <= len; i += 16) {
    const __m256 r0 = prelu8(_mm256_loadu_ps(x + i), _mm256_loadu_ps(a + i));
    const __m256 r1 = prelu8(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(a + i + 8));
    _mm256_storeu_ps(y + i, r0);
    _mm256_storeu_ps(y + i + 8, r1);
  }
  for (; i + 8 <= len; i += 8) _mm256_storeu_ps(y + i, prelu8(_mm256_loadu_ps(x + i), _mm256_loadu_ps(a + i)));
  if (i < len) {
    const int rem = static_cast<int>(len - i);
    const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(rem), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    const __m256 r = prelu8(_mm256_maskload_ps(x + i, mask), _mm256_maskload_ps(a + i, mask));
    _mm256_maskstore_ps(y + i, mask, r);
  }
}

void run(const float* x, float* y, int64_t n, const float* alpha, int64_t channels, int64_t c0) {
  prelu_channel_runs(x, y, n, alpha, channels, c0, seg);
}

}  // namespace

extern const PreluF32Kernel prelu_f32_avx2 = {&run};

}  // namespace xlite::kernels
