// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), AVX2: dwconv_i8_impl.h over 16
// channels a block (two 128-bit lanes), VPUNPCK[LH]WD + VPMADDWD + VPADDD.
#include <immintrin.h>

#include "kernels/dwconv_i8_impl.h"

namespace xlite::kernels {
namespace {

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

extern const DwConvI8Kernel dwconv_i8_avx2 = {&impl::dwconv_i8<VecI16Avx2>, &impl::dwconv_i8_scratch_bytes<VecI16Avx2>,
                                              VecI16Avx2::kBlock};

}  // namespace xlite::kernels
