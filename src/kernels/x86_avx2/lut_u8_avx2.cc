// SPDX-License-Identifier: Apache-2.0
// Table lookup (lut_u8.h), AVX2, 32 bytes a step. VPSHUFB looks up 16
// entries by the low nibble, so the table is cut into 16 sub-tables of 16
// (each broadcast to both 128-bit lanes): all 16 lookups run on the low
// nibble, then a tree of VPBLENDVB picks by the high nibble one bit at a
// time. VPBLENDVB reads bit 7 of each mask byte, so shifting the input left
// (16-bit lanes: bits never cross into a byte's bit 7 from its neighbour)
// by 3, 2, 1 and 0 brings bits 4, 5, 6 and 7 there. 16 shuffles and 15
// blends per 32 bytes, no gathers.
#include <immintrin.h>

#include "kernels/lut_u8.h"

namespace xlite::kernels {
namespace {

inline __m256i sub_table(const uint8_t* table, int k) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(table + 16 * k)));
}

// Entries 16 * first .. 16 * (first + count) - 1 chosen by the bits of the
// high nibble below `count` (count a power of two, at most 16).
template <int kFirst, int kCount>
inline __m256i select(const uint8_t* table, __m256i lo, const __m256i* bit_masks) {
  if constexpr (kCount == 1) {
    return _mm256_shuffle_epi8(sub_table(table, kFirst), lo);
  } else {
    constexpr int kHalf = kCount / 2;
    // kCount == 2 picks by bit 4 (bit_masks[0]), 4 by bit 5, ...
    constexpr int kLevel = kCount == 2 ? 0 : kCount == 4 ? 1 : kCount == 8 ? 2 : 3;
    const __m256i a = select<kFirst, kHalf>(table, lo, bit_masks);
    const __m256i b = select<kFirst + kHalf, kHalf>(table, lo, bit_masks);
    return _mm256_blendv_epi8(a, b, bit_masks[kLevel]);
  }
}

inline __m256i lookup32(const uint8_t* table, __m256i x) {
  const __m256i lo = _mm256_and_si256(x, _mm256_set1_epi8(0x0F));
  const __m256i bit_masks[4] = {_mm256_slli_epi16(x, 3), _mm256_slli_epi16(x, 2), _mm256_add_epi8(x, x), x};
  return select<0, 16>(table, lo, bit_masks);
}

void lut_u8_avx2_run(const uint8_t* table, const uint8_t* in, uint8_t* out, int64_t n) {
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), lookup32(table, x));
  }
  for (; i < n; ++i) out[i] = table[in[i]];
}

}  // namespace

extern const LutU8Kernel lut_u8_avx2 = {&lut_u8_avx2_run};

}  // namespace xlite::kernels
