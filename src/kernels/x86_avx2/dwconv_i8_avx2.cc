// SPDX-License-Identifier: Apache-2.0
// int8 DEPTHWISE_CONV_2D (conv_i8.h), AVX2, vectorised over 16 channels.
// Input rows are widened once into a per-thread cache of int16 rows (x -
// zero point, zeros in the padding columns, channels expanded by the depth
// multiplier), so the inner loop has no bounds checks; rows of taps outside
// the image read a row of zeros. Taps go in pairs: the two taps' channels
// are interleaved (VPUNPCK[LH]WD) and VPMADDWD against the packed weight
// pairs gives exact int32 sums. The cached rows store each 16 channels as
// c0-3, c8-11, c4-7, c12-15, which is the order that makes the in-lane
// unpacks come out as channels 0-7 and 8-15.
#include <immintrin.h>

#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

struct Layout {
  int64_t cs, wp, span, taps2;  // channel stride, cached row width, cached rows, taps rounded to even
  int64_t acc_off, tag_off, ptr_off, zero_off, rows_off, total;
};

int64_t align64(int64_t n) { return (n + 63) / 64 * 64; }

Layout layout(const ConvF32Shape& s) {
  Layout l;
  l.cs = dwconv_i8_channel_stride(s.out_c);
  l.wp = static_cast<int64_t>(s.out_w - 1) * s.stride_w + static_cast<int64_t>(s.filter_w - 1) * s.dilation_w + 1;
  l.span = static_cast<int64_t>(s.filter_h - 1) * s.dilation_h + 1;
  const int64_t taps = static_cast<int64_t>(s.filter_h) * s.filter_w;
  l.taps2 = (taps + 1) / 2 * 2;
  l.acc_off = 0;
  l.tag_off = align64(l.acc_off + s.out_w * l.cs * 4);
  l.ptr_off = align64(l.tag_off + l.span * 8);
  l.zero_off = align64(l.ptr_off + l.taps2 * static_cast<int64_t>(sizeof(void*)));
  l.rows_off = align64(l.zero_off + l.wp * l.cs * 2);
  l.total = align64(l.rows_off + l.span * l.wp * l.cs * 2);
  return l;
}

int64_t scratch_bytes(const ConvF32Shape& s) { return s.out_w > 0 ? layout(s).total : 0; }

// 16 channels in natural order -> the cached order.
inline void store_block(int16_t* dst, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), _mm256_permute4x64_epi64(v, 0xD8));
}

// Input row iy of batch b, widened into dst (wp columns of cs channels).
void widen_row(const DwConvI8Args& p, const Layout& l, int64_t b, int32_t iy, int16_t* dst) {
  const ConvF32Shape& s = p.s;
  const int32_t mult = s.out_c / s.in_c;
  const __m256i zp = _mm256_set1_epi16(static_cast<int16_t>(p.input_zero_point));
  const int8_t* in_row = p.input + (b * s.in_h + iy) * s.in_w * s.in_c;
  for (int64_t col = 0; col < l.wp; ++col, dst += l.cs) {
    const int64_t ix = col - s.pad_w;
    if (ix < 0 || ix >= s.in_w) {
      std::memset(dst, 0, l.cs * 2);
      continue;
    }
    const int8_t* x = in_row + ix * s.in_c;
    int64_t c = 0;
    if (mult == 1)
      for (; c + 16 <= s.out_c; c += 16) {
        const __m128i v8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + c));
        store_block(dst + c, _mm256_sub_epi16(_mm256_cvtepi8_epi16(v8), zp));
      }
    for (; c < l.cs; c += 16) {
      alignas(32) int16_t tmp[16];
      for (int j = 0; j < 16; ++j) {
        const int64_t oc = c + j;
        tmp[j] = oc < s.out_c ? static_cast<int16_t>(x[oc / mult] - p.input_zero_point) : int16_t{0};
      }
      store_block(dst + c, _mm256_load_si256(reinterpret_cast<const __m256i*>(tmp)));
    }
  }
}

void dwconv_i8_avx2_run(const DwConvI8Args& p, int64_t row_begin, int64_t row_end) {
  const ConvF32Shape& s = p.s;
  if (s.out_w <= 0) return;
  const Layout l = layout(s);
  char* base = static_cast<char*>(p.scratch);
  int32_t* acc = reinterpret_cast<int32_t*>(base + l.acc_off);
  int64_t* tags = reinterpret_cast<int64_t*>(base + l.tag_off);
  const int16_t** taps = reinterpret_cast<const int16_t**>(base + l.ptr_off);
  int16_t* zero_row = reinterpret_cast<int16_t*>(base + l.zero_off);
  int16_t* rows = reinterpret_cast<int16_t*>(base + l.rows_off);
  // The scratch outlives this call but not its contents' meaning: start
  // with an empty cache.
  for (int64_t i = 0; i < l.span; ++i) tags[i] = -1;
  std::memset(zero_row, 0, l.wp * l.cs * 2);
  const int64_t ntaps = static_cast<int64_t>(s.filter_h) * s.filter_w;
  const int16_t* wbase = p.packed + 2 * l.cs;
  const int32_t* bias = reinterpret_cast<const int32_t*>(p.packed);
  const int64_t xstep = static_cast<int64_t>(s.stride_w) * l.cs;
  for (int64_t row = row_begin; row < row_end; ++row) {
    const int64_t b = row / s.out_h;
    const int32_t oy = static_cast<int32_t>(row % s.out_h);
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    for (int32_t fy = 0; fy < s.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * s.dilation_h;
      const int16_t* r = zero_row;
      if (iy >= 0 && iy < s.in_h) {
        const int64_t slot = iy % l.span;
        int16_t* cached = rows + slot * l.wp * l.cs;
        const int64_t tag = b * s.in_h + iy;
        if (tags[slot] != tag) {
          widen_row(p, l, b, iy, cached);
          tags[slot] = tag;
        }
        r = cached;
      }
      for (int32_t fx = 0; fx < s.filter_w; ++fx)
        taps[fy * s.filter_w + fx] = r + static_cast<int64_t>(fx) * s.dilation_w * l.cs;
    }
    if (ntaps < l.taps2) taps[ntaps] = taps[ntaps - 1];  // its weights are zero
    const int64_t pairs = l.taps2 / 2;
    for (int64_t cb = 0; cb < l.cs; cb += 16) {
      const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bias + cb));
      const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bias + cb + 8));
      const int16_t* wcb = wbase + 2 * cb;
      for (int32_t ox = 0; ox < s.out_w; ++ox) {
        const int64_t off = ox * xstep + cb;
        __m256i acc0 = b0, acc1 = b1;
        const int16_t* w = wcb;
        for (int64_t pp = 0; pp < pairs; ++pp, w += 2 * l.cs) {
          const __m256i xa = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(taps[2 * pp] + off));
          const __m256i xb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(taps[2 * pp + 1] + off));
          const __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
          const __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 16));
          acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(_mm256_unpacklo_epi16(xa, xb), w0));
          acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(_mm256_unpackhi_epi16(xa, xb), w1));
        }
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + ox * l.cs + cb), acc0);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + ox * l.cs + cb + 8), acc1);
      }
    }
    p.requant.fn(p.requant.ctx, acc, l.cs, s.out_w, 0, s.out_c, p.output + row * s.out_w * s.out_c, s.out_c);
  }
}

}  // namespace

extern const DwConvI8Kernel dwconv_i8_avx2 = {&dwconv_i8_avx2_run, &scratch_bytes};

}  // namespace xlite::kernels
