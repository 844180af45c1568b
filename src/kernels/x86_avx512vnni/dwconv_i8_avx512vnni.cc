// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), AVX-512 VNNI: dwconv_i8_impl.h over
// 32 channels a block (four 128-bit lanes); VPDPWSSD adds the pairwise
// products of a tap pair into the int32 sums in one instruction (exact and
// wrapping: not the saturating VPDPWSSDS).
#include <immintrin.h>

#include "kernels/dwconv_i8_impl.h"

namespace xlite::kernels {
namespace {

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

extern const DwConvI8Kernel dwconv_i8_avx512vnni = {&impl::dwconv_i8<VecI16Avx512Vnni>,
                                                    &impl::dwconv_i8_scratch_bytes<VecI16Avx512Vnni>,
                                                    VecI16Avx512Vnni::kBlock};

}  // namespace xlite::kernels
