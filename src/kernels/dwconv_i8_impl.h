// SPDX-License-Identifier: Apache-2.0
// The int8 DEPTHWISE_CONV_2D kernel (conv_i8.h), written once over an int16
// vector type V and instantiated by each ISA's dwconv_i8_<isa>.cc. As with
// gemm_f32_impl.h, V is an ISA's traits struct in an anonymous namespace
// (internal linkage for every instantiation); include this only from ISA
// source files and the test-only emulation, and use nothing from the
// standard library in it.
//
// Input rows are widened once into a per-thread cache of int16 rows (x -
// zero point, zeros in the padding columns, channels expanded by the depth
// multiplier), so the inner loop has no bounds checks; rows of taps outside
// the image read a row of zeros. Taps go in pairs: the two taps' channels
// are interleaved (the in-lane unpacks) and a pairwise multiply-add
// against the packed weight pairs gives exact int32 sums (|x - zp| <= 255,
// |w| <= 128). A vector holds kBlock = 8 * L channels in L 128-bit lanes;
// the in-lane unpacks take the low (high) 4 channels of each lane, so the
// cache keeps each block's 4-channel groups g_0 .. g_{2L-1} in the order
// g_0, g_L, g_1, g_{L+1}, ..: then the low unpack holds channels
// [0, 4L) in order and the high one [4L, 8L).
//
// V provides: I (kBlock int16, or kBlock / 2 int32), kBlock, load/store
// (unaligned), widen(p): kBlock int8 at p sign-extended to int16, set1_16,
// sub16, to_cached(v): natural channel order -> the cache's, unpacklo16 /
// unpackhi16 (in-lane interleaves of two vectors' int16), and
// dot(acc, x, w): acc + the pairwise int16 products x * w summed per int32
// lane, wrapping.
#pragma once

#include <cstdint>

#include "kernels/conv_i8.h"

namespace xlite::kernels::impl {

struct DwI8Layout {
  int64_t cs, wp, span, taps2;  // channel stride, cached row width, cached rows, taps rounded to even
  int64_t acc_off, tag_off, ptr_off, zero_off, rows_off, total;
};

static inline int64_t dw_i8_align64(int64_t n) { return (n + 63) / 64 * 64; }

template <class V>
DwI8Layout dw_i8_layout(const ConvF32Shape& s) {
  DwI8Layout l;
  l.cs = (static_cast<int64_t>(s.out_c) + V::kBlock - 1) / V::kBlock * V::kBlock;
  l.wp = static_cast<int64_t>(s.out_w - 1) * s.stride_w + static_cast<int64_t>(s.filter_w - 1) * s.dilation_w + 1;
  l.span = static_cast<int64_t>(s.filter_h - 1) * s.dilation_h + 1;
  const int64_t taps = static_cast<int64_t>(s.filter_h) * s.filter_w;
  l.taps2 = (taps + 1) / 2 * 2;
  l.acc_off = 0;
  l.tag_off = dw_i8_align64(l.acc_off + s.out_w * l.cs * 4);
  l.ptr_off = dw_i8_align64(l.tag_off + l.span * 8);
  l.zero_off = dw_i8_align64(l.ptr_off + l.taps2 * static_cast<int64_t>(sizeof(void*)));
  l.rows_off = dw_i8_align64(l.zero_off + l.wp * l.cs * 2);
  l.total = dw_i8_align64(l.rows_off + l.span * l.wp * l.cs * 2);
  return l;
}

template <class V>
int64_t dwconv_i8_scratch_bytes(const ConvF32Shape& s) {
  return s.out_w > 0 ? dw_i8_layout<V>(s).total : 0;
}

// Input row iy of batch b, widened into dst (wp columns of cs channels, in
// the cache's order).
template <class V>
void dw_i8_widen_row(const DwConvI8Args& p, const DwI8Layout& l, int64_t b, int32_t iy, int16_t* dst) {
  using I = typename V::I;
  constexpr int B = V::kBlock;
  const ConvF32Shape& s = p.s;
  const int32_t mult = s.out_c / s.in_c;
  const I zp = V::set1_16(static_cast<int16_t>(p.input_zero_point));
  const int8_t* in_row = p.input + (b * s.in_h + iy) * s.in_w * s.in_c;
  for (int64_t col = 0; col < l.wp; ++col, dst += l.cs) {
    const int64_t ix = col - s.pad_w;
    if (ix < 0 || ix >= s.in_w) {
      __builtin_memset(dst, 0, l.cs * 2);
      continue;
    }
    const int8_t* x = in_row + ix * s.in_c;
    int64_t c = 0;
    if (mult == 1)
      for (; c + B <= s.out_c; c += B) V::store(dst + c, V::to_cached(V::sub16(V::widen(x + c), zp)));
    for (; c < l.cs; c += B) {
      alignas(64) int16_t tmp[B];
      for (int j = 0; j < B; ++j) {
        const int64_t oc = c + j;
        tmp[j] = oc < s.out_c ? static_cast<int16_t>(x[oc / mult] - p.input_zero_point) : int16_t{0};
      }
      V::store(dst + c, V::to_cached(V::load(tmp)));
    }
  }
}

// Output rows (b * out_h + oy) [row_begin, row_end): a row of int32 sums in
// the scratch, then the op's requantization.
template <class V>
void dwconv_i8(const DwConvI8Args& p, int64_t row_begin, int64_t row_end) {
  using I = typename V::I;
  constexpr int B = V::kBlock;
  const ConvF32Shape& s = p.s;
  if (s.out_w <= 0) return;
  const DwI8Layout l = dw_i8_layout<V>(s);
  char* base = static_cast<char*>(p.scratch);
  int32_t* acc = reinterpret_cast<int32_t*>(base + l.acc_off);
  int64_t* tags = reinterpret_cast<int64_t*>(base + l.tag_off);
  const int16_t** taps = reinterpret_cast<const int16_t**>(base + l.ptr_off);
  int16_t* zero_row = reinterpret_cast<int16_t*>(base + l.zero_off);
  int16_t* rows = reinterpret_cast<int16_t*>(base + l.rows_off);
  // The scratch outlives this call but not its contents' meaning: start
  // with an empty cache.
  for (int64_t i = 0; i < l.span; ++i) tags[i] = -1;
  __builtin_memset(zero_row, 0, l.wp * l.cs * 2);
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
          dw_i8_widen_row<V>(p, l, b, iy, cached);
          tags[slot] = tag;
        }
        r = cached;
      }
      for (int32_t fx = 0; fx < s.filter_w; ++fx)
        taps[fy * s.filter_w + fx] = r + static_cast<int64_t>(fx) * s.dilation_w * l.cs;
    }
    if (ntaps < l.taps2) taps[ntaps] = taps[ntaps - 1];  // its weights are zero
    const int64_t pairs = l.taps2 / 2;
    for (int64_t cb = 0; cb < l.cs; cb += B) {
      const I b0 = V::load(bias + cb);
      const I b1 = V::load(bias + cb + B / 2);
      const int16_t* wcb = wbase + 2 * cb;
      for (int32_t ox = 0; ox < s.out_w; ++ox) {
        const int64_t off = ox * xstep + cb;
        I acc0 = b0, acc1 = b1;
        const int16_t* w = wcb;
        for (int64_t pp = 0; pp < pairs; ++pp, w += 2 * l.cs) {
          const I xa = V::load(taps[2 * pp] + off);
          const I xb = V::load(taps[2 * pp + 1] + off);
          acc0 = V::dot(acc0, V::unpacklo16(xa, xb), V::load(w));
          acc1 = V::dot(acc1, V::unpackhi16(xa, xb), V::load(w + B));
        }
        V::store(acc + ox * l.cs + cb, acc0);
        V::store(acc + ox * l.cs + cb + B / 2, acc1);
      }
    }
    p.requant.fn(p.requant.ctx, acc, l.cs, s.out_w, 0, s.out_c, p.output + row * s.out_w * s.out_c, s.out_c);
  }
}

}  // namespace xlite::kernels::impl
