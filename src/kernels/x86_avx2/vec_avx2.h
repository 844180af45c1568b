// SPDX-License-Identifier: Apache-2.0
// float32 vector traits for AVX2 + FMA (8 lanes); see gemm_f32_impl.h. For
// x86_avx2/ sources only (built with -mavx2 -mfma -mf16c).
#pragma once

#include <immintrin.h>

namespace xlite::kernels {
namespace {

struct VecAvx2 {
  using T = __m256;
  static constexpr int kWidth = 8;
  // Lanes [0, n) set: VMASKMOVPS neither reads nor faults on the others.
  static __m256i mask(int n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static T load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, T v) { _mm256_storeu_ps(p, v); }
  static T load_partial(const float* p, int n) { return _mm256_maskload_ps(p, mask(n)); }
  static void store_partial(float* p, T v, int n) { _mm256_maskstore_ps(p, mask(n), v); }
  static T zero() { return _mm256_setzero_ps(); }
  static T add(T a, T b) { return _mm256_add_ps(a, b); }
  static T sub(T a, T b) { return _mm256_sub_ps(a, b); }
  static T mul(T a, T b) { return _mm256_mul_ps(a, b); }
  static T div(T a, T b) { return _mm256_div_ps(a, b); }
  static T set1(float x) { return _mm256_set1_ps(x); }
  static T broadcast(const float* p) { return _mm256_broadcast_ss(p); }
  static T fma(T a, T b, T c) { return _mm256_fmadd_ps(a, b, c); }
  // MAXPS/MINPS return the second operand when either is NaN.
  static T max(T lo, T x) { return _mm256_max_ps(lo, x); }
  static T min(T hi, T x) { return _mm256_min_ps(hi, x); }
};

}  // namespace
}  // namespace xlite::kernels
