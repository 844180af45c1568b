// SPDX-License-Identifier: Apache-2.0
// float32 vector traits for AVX2 + FMA (8 lanes; gemm_f32_impl.h) and the
// int8 depthwise's int16 ones (16 channels; dwconv_i8_impl.h). For
// x86_avx2/ sources only (built with -mavx2 -mfma -mf16c).
#pragma once

#include <immintrin.h>

#include <cstdint>

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

struct VecI16Avx2 {
  using I = __m256i;
  static constexpr int kBlock = 16;
  static I load(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
  static void store(void* p, I v) { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }
  static I widen(const int8_t* p) { return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
  static I set1_16(int16_t v) { return _mm256_set1_epi16(v); }
  static I sub16(I a, I b) { return _mm256_sub_epi16(a, b); }
  // 4-channel groups g0 g1 g2 g3 -> g0 g2 g1 g3.
  static I to_cached(I v) { return _mm256_permute4x64_epi64(v, 0xD8); }
  static I unpacklo16(I a, I b) { return _mm256_unpacklo_epi16(a, b); }
  static I unpackhi16(I a, I b) { return _mm256_unpackhi_epi16(a, b); }
  static I dot(I acc, I x, I w) { return _mm256_add_epi32(acc, _mm256_madd_epi16(x, w)); }
};

}  // namespace
}  // namespace xlite::kernels
