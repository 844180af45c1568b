// SPDX-License-Identifier: Apache-2.0
// Vector traits for the AVX-512 VNNI int8 kernels: int32 lanes for the GEMM
// (16; gemm_i8_u8_impl.h) and int16 for the depthwise (32 channels;
// dwconv_i8_impl.h). For x86_avx512vnni/ sources only (built with
// -mavx512f -mavx512bw -mavx512dq -mavx512vl -mavx512vnni).
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace xlite::kernels {
namespace {

struct VecI32Avx512Vnni {
  using T = __m512i;
  static constexpr int kLanes = 16;
  static T load(const int32_t* p) { return _mm512_loadu_si512(p); }
  static void store(int32_t* p, T v) { _mm512_storeu_si512(p, v); }
  static void store_partial(int32_t* p, T v, int n) {
    _mm512_mask_storeu_epi32(p, static_cast<__mmask16>((1u << n) - 1u), v);
  }
  static T broadcast4(const uint8_t* p) {
    int32_t quad;
    __builtin_memcpy(&quad, p, sizeof quad);
    return _mm512_set1_epi32(quad);
  }
  // VPDPBUSD: acc + the four u8 (a) x s8 (w) products of each lane, exact
  // and wrapping (not the saturating VPDPBUSDS).
  static T dot(T acc, T a, T w) { return _mm512_dpbusd_epi32(acc, a, w); }
};

struct VecI16Avx512Vnni {
  using I = __m512i;
  static constexpr int kBlock = 32;
  static I load(const void* p) { return _mm512_loadu_si512(p); }
  static void store(void* p, I v) { _mm512_storeu_si512(p, v); }
  static I widen(const int8_t* p) { return _mm512_cvtepi8_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))); }
  static I set1_16(int16_t v) { return _mm512_set1_epi16(v); }
  static I sub16(I a, I b) { return _mm512_sub_epi16(a, b); }
  // 4-channel groups g0 .. g7 -> g0 g4 g1 g5 g2 g6 g3 g7 (set_epi64 lists
  // the last element first). The zero-masked form with every lane set:
  // GCC 12 warns about the undefined pass-through inside the plain one.
  static I to_cached(I v) {
    return _mm512_maskz_permutexvar_epi64(0xFF, _mm512_set_epi64(7, 3, 6, 2, 5, 1, 4, 0), v);
  }
  static I unpacklo16(I a, I b) { return _mm512_unpacklo_epi16(a, b); }
  static I unpackhi16(I a, I b) { return _mm512_unpackhi_epi16(a, b); }
  static I dot(I acc, I x, I w) { return _mm512_dpwssd_epi32(acc, x, w); }
};

}  // namespace
}  // namespace xlite::kernels
