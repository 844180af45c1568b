// SPDX-License-Identifier: Apache-2.0
// CONV_2D as GEMM: im2col of a block of output pixels into scratch, then the
// GEMM variant on that block. Plain C++ (the copies are memcpy); the
// arithmetic is the variant's.
#include "kernels/conv2d_f32.h"

#include <algorithm>
#include <cstring>

namespace xlite::kernels {
namespace {

// Scratch per block: about 64 KB of im2col rows, so a block stays in L2
// (with the panels) while the GEMM sweeps it.
constexpr int64_t kScratchFloats = 16 * 1024;
constexpr int64_t kMaxBlockRows = 256;

int64_t gemm_k(const ConvF32Shape& s) { return static_cast<int64_t>(s.filter_h) * s.filter_w * s.in_c; }

int64_t block_rows(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  const int64_t k = std::max<int64_t>(gemm_k(s), 1);
  const int64_t rows = std::min(kScratchFloats / k, kMaxBlockRows) / gemm.mr * gemm.mr;
  return std::max<int64_t>(rows, gemm.mr);
}

// memcpy for long runs; short ones (a few channels, as in a first layer on
// RGB) in fixed-size pieces the compiler inlines, not a library call each.
inline void copy_floats(float* dst, const float* src, int64_t n) {
  if (n >= 32) {
    std::memcpy(dst, src, n * sizeof(float));
    return;
  }
  for (; n >= 8; n -= 8, dst += 8, src += 8) std::memcpy(dst, src, 8 * sizeof(float));
  for (; n > 0; --n) *dst++ = *src++;
}

inline void zero_floats(float* dst, int64_t n) {
  for (; n >= 8; n -= 8, dst += 8) std::memset(dst, 0, 8 * sizeof(float));
  for (; n > 0; --n) *dst++ = 0.0f;
}

// Rows [r0, r1) of the im2col matrix: row i holds, for each tap (fy, fx) in
// filter order, the in_c input channels it reads, or zeros in the padding.
void im2col(const Conv2dF32Args& p, int64_t r0, int64_t r1, float* dst) {
  const ConvF32Shape& s = p.s;
  const int64_t c = s.in_c;
  const int64_t run = s.filter_w * c;  // one filter row of taps
  const int64_t pixels = static_cast<int64_t>(s.out_h) * s.out_w;
  int64_t b = r0 / pixels;
  int32_t oy = static_cast<int32_t>(r0 % pixels / s.out_w);
  int32_t ox = static_cast<int32_t>(r0 % s.out_w);
  for (int64_t r = r0; r < r1; ++r, ++ox) {
    if (ox == s.out_w) {
      ox = 0;
      if (++oy == s.out_h) oy = 0, ++b;
    }
    const float* in_b = p.input + b * s.in_h * s.in_w * c;
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    const int32_t ix0 = ox * s.stride_w - s.pad_w;
    const bool row_inside = s.dilation_w == 1 && ix0 >= 0 && ix0 + s.filter_w <= s.in_w;
    for (int32_t fy = 0; fy < s.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * s.dilation_h;
      if (iy < 0 || iy >= s.in_h) {
        zero_floats(dst, run);
        dst += run;
        continue;
      }
      const float* in_row = in_b + static_cast<int64_t>(iy) * s.in_w * c;
      if (row_inside) {
        copy_floats(dst, in_row + ix0 * c, run);
        dst += run;
        continue;
      }
      for (int32_t fx = 0; fx < s.filter_w; ++fx, dst += c) {
        const int32_t ix = ix0 + fx * s.dilation_w;
        if (ix < 0 || ix >= s.in_w)
          zero_floats(dst, c);
        else
          copy_floats(dst, in_row + static_cast<int64_t>(ix) * c, c);
      }
    }
  }
}

}  // namespace

bool conv2d_f32_is_gemm(const ConvF32Shape& s) {
  return s.filter_h == 1 && s.filter_w == 1 && s.stride_h == 1 && s.stride_w == 1 && s.pad_h == 0 && s.pad_w == 0 &&
         s.out_h == s.in_h && s.out_w == s.in_w;
}

int64_t conv2d_f32_scratch_floats(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  return conv2d_f32_is_gemm(s) ? 0 : block_rows(s, gemm) * gemm_k(s);
}

void conv2d_f32(const GemmF32Kernel& gemm, const Conv2dF32Args& p, int64_t row_begin, int64_t row_end,
                int64_t col_begin, int64_t col_end) {
  const ConvF32Shape& s = p.s;
  if (col_end < 0 || col_end > s.out_c) col_end = s.out_c;
  if (col_begin >= col_end) return;
  GemmF32Args g;
  g.m = static_cast<int64_t>(s.batches) * s.out_h * s.out_w;
  g.n = col_end - col_begin;
  g.k = gemm_k(s);
  // Whole panels of nr columns from col_begin on (gemm_f32.h).
  g.packed = p.packed + gemm_f32_packed_floats(col_begin, g.k, gemm.nr);
  g.ldc = s.out_c;
  g.min = p.min;
  g.max = p.max;
  float* const output = p.output + col_begin;
  if (conv2d_f32_is_gemm(s)) {
    g.a = p.input;
    g.lda = s.in_c;
    g.c = output;
    // The post step, if any, runs on each tile the GEMM finishes.
    g.post = p.post;
    gemm.run(g, row_begin, row_end);
    return;
  }
  const int64_t rows = block_rows(s, gemm);
  g.a = p.scratch;
  g.lda = g.k;
  for (int64_t r0 = row_begin; r0 < row_end; r0 += rows) {
    const int64_t r1 = std::min(r0 + rows, row_end);
    im2col(p, r0, r1, p.scratch);
    g.m = r1 - r0;
    g.c = output + r0 * s.out_c;
    g.post = p.post;
    gemm.run(g, 0, r1 - r0);
  }
}

}  // namespace xlite::kernels
