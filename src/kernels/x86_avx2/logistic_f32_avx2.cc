// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC, AVX2 + FMA, 8 lanes. exp(t) = 2^n * exp(r) with
// n = round(t / ln 2) and r = t - n ln 2 (ln 2 split in two parts so r is
// exact), exp(r) by a degree-6 polynomial on |r| <= ln 2 / 2 (the Cephes
// expf coefficients, accurate to about 1 ulp); t is clamped to +-88.376 so
// 2^n stays a normal float. Error against the reference: a few ulps of 1.
#include <immintrin.h>

#include <algorithm>
#include <cmath>

#include "kernels/logistic_f32.h"

namespace xlite::kernels {
namespace {

inline __m256 exp_ps(__m256 t) {
  t = _mm256_min_ps(_mm256_max_ps(t, _mm256_set1_ps(-88.3762626647949f)), _mm256_set1_ps(88.3762626647949f));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(t, _mm256_set1_ps(1.44269504088896341f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), t);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  const __m256 r2 = _mm256_mul_ps(r, r);
  const __m256 e = _mm256_add_ps(_mm256_fmadd_ps(p, r2, r), _mm256_set1_ps(1.0f));
  const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(e, _mm256_castsi256_ps(bits));
}

void run(const float* x, float* y, int64_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    const __m256 e = exp_ps(_mm256_sub_ps(_mm256_setzero_ps(), v));
    __m256 s = _mm256_div_ps(one, _mm256_add_ps(one, e));
    // NaN in, NaN out (the clamps above would have turned it into a number).
    s = _mm256_blendv_ps(s, v, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    _mm256_storeu_ps(y + i, s);
  }
  for (; i < n; ++i) {
    const float v = std::isnan(x[i]) ? x[i] : std::max(-100.0f, std::min(100.0f, x[i]));
    y[i] = 1.0f / (1.0f + std::exp(-v));
  }
}

}  // namespace

extern const LogisticF32Kernel logistic_f32_avx2 = {&run};

}  // namespace xlite::kernels
