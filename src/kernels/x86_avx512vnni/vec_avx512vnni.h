// SPDX-License-Identifier: Apache-2.0
// int32 vector traits for the AVX-512 VNNI int8 GEMM (16 lanes); see
// gemm_i8_u8_impl.h. For x86_avx512vnni/ sources only (built with
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

}  // namespace
}  // namespace xlite::kernels
