// SPDX-License-Identifier: Apache-2.0
// float32 vector traits for AVX-512 (16 lanes); see gemm_f32_impl.h. For
// x86_avx512/ sources only (built with -mavx512f -mavx512bw -mavx512dq
// -mavx512vl -mfma).
#pragma once

#include <immintrin.h>

namespace xlite::kernels {
namespace {

struct VecAvx512 {
  using T = __m512;
  static constexpr int kWidth = 16;
  static __mmask16 mask(int n) { return static_cast<__mmask16>((1u << n) - 1u); }
  static T load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, T v) { _mm512_storeu_ps(p, v); }
  static T load_partial(const float* p, int n) { return _mm512_maskz_loadu_ps(mask(n), p); }
  static void store_partial(float* p, T v, int n) { _mm512_mask_storeu_ps(p, mask(n), v); }
  static T zero() { return _mm512_setzero_ps(); }
  static T add(T a, T b) { return _mm512_add_ps(a, b); }
  static T set1(float x) { return _mm512_set1_ps(x); }
  static T broadcast(const float* p) { return _mm512_set1_ps(*p); }
  static T fma(T a, T b, T c) { return _mm512_fmadd_ps(a, b, c); }
  // MAXPS/MINPS return the second operand when either is NaN. The masked
  // forms (all lanes) because GCC 12 warns about the undefined pass-through
  // inside _mm512_max_ps/_mm512_min_ps.
  static T max(T lo, T x) { return _mm512_mask_max_ps(x, 0xffff, lo, x); }
  static T min(T hi, T x) { return _mm512_mask_min_ps(x, 0xffff, hi, x); }
};

}  // namespace
}  // namespace xlite::kernels
