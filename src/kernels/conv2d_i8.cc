// SPDX-License-Identifier: Apache-2.0
// int8 CONV_2D / FULLY_CONNECTED as GEMM: a block of output pixels is
// gathered (im2col) into scratch in the GEMM variant's A format (int16
// x - zero point, or uint8 x + 128; conv_i8.h), the variant computes its
// int32 accumulators, and the op's requantization writes the int8 outputs.
// Plain C++; the arithmetic is the variant's.
#include <algorithm>
#include <cstring>

#include "kernels/conv_i8.h"

namespace xlite::kernels {
namespace {

// Rows per block: about 128 KB of im2col rows and their int32 sums
// together, so both stay in L2 with the weight panels while the GEMM sweeps
// the block and the requantization reads it back.
constexpr int64_t kScratchBytes = 128 * 1024;
constexpr int64_t kMaxBlockRows = 256;

int64_t gemm_k(const ConvF32Shape& s) { return static_cast<int64_t>(s.filter_h) * s.filter_w * s.in_c; }

int64_t block_rows(const ConvF32Shape& s, const GemmI8Kernel& gemm) {
  const int64_t row_bytes =
      gemm_i8_a_bytes(gemm) * std::max<int64_t>(gemm_i8_kp(gemm_k(s), gemm), 4) + 4 * static_cast<int64_t>(s.out_c);
  const int64_t rows = std::min(kScratchBytes / row_bytes, kMaxBlockRows) / gemm.mr * gemm.mr;
  return std::max<int64_t>(rows, gemm.mr);
}

int64_t a_bytes(const ConvF32Shape& s, const GemmI8Kernel& gemm) {
  // Rounded to 64 bytes so the int32 block after it stays aligned.
  return (block_rows(s, gemm) * gemm_i8_kp(gemm_k(s), gemm) * gemm_i8_a_bytes(gemm) + 63) / 64 * 64;
}

// Rows [r0, r1) of the im2col matrix into dst (kp elements of es bytes a
// row): for each tap (fy, fx) in filter order its in_c channels through
// load_a, or the padding's element (x = zp) in the padding; zeros in the
// columns past K (their weights are zero).
void im2col(const GemmI8Kernel& gemm, const Conv2dI8Args& p, int64_t r0, int64_t r1, int64_t kp, char* dst) {
  const ConvF32Shape& s = p.s;
  const auto load_a = gemm.load_a;
  const int64_t es = gemm_i8_a_bytes(gemm);
  const int64_t c = s.in_c;
  const int64_t k = gemm_k(s);
  const int64_t run = s.filter_w * c;
  const int64_t pixels = static_cast<int64_t>(s.out_h) * s.out_w;
  const int32_t zp = p.input_zero_point;
  // x - zp = 0 is int16 0; x + 128 = zp + 128 is one byte.
  const int pad_byte = gemm.format == GemmI8Format::kQuadsU8 ? (zp + 128) & 0xff : 0;
  if (s.filter_h == 1 && s.filter_w == 1 && s.stride_h == 1 && s.stride_w == 1 && s.pad_h == 0 && s.pad_w == 0 &&
      s.out_h == s.in_h && s.out_w == s.in_w && kp == k) {
    load_a(dst, p.input + r0 * c, (r1 - r0) * c, zp);  // the rows are the input's pixels
    return;
  }
  int64_t b = r0 / pixels;
  int32_t oy = static_cast<int32_t>(r0 % pixels / s.out_w);
  int32_t ox = static_cast<int32_t>(r0 % s.out_w);
  for (int64_t r = r0; r < r1; ++r, ++ox) {
    if (ox == s.out_w) {
      ox = 0;
      if (++oy == s.out_h) oy = 0, ++b;
    }
    char* row = dst + (r - r0) * kp * es;
    char* d = row;
    const int8_t* in_b = p.input + b * s.in_h * s.in_w * c;
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    const int32_t ix0 = ox * s.stride_w - s.pad_w;
    const bool row_inside = s.dilation_w == 1 && ix0 >= 0 && ix0 + s.filter_w <= s.in_w;
    for (int32_t fy = 0; fy < s.filter_h; ++fy) {
      const int32_t iy = iy0 + fy * s.dilation_h;
      if (iy < 0 || iy >= s.in_h) {
        std::memset(d, pad_byte, run * es);
        d += run * es;
        continue;
      }
      const int8_t* in_row = in_b + static_cast<int64_t>(iy) * s.in_w * c;
      if (row_inside) {
        load_a(d, in_row + ix0 * c, run, zp);
        d += run * es;
        continue;
      }
      for (int32_t fx = 0; fx < s.filter_w; ++fx, d += c * es) {
        const int32_t ix = ix0 + fx * s.dilation_w;
        if (ix < 0 || ix >= s.in_w)
          std::memset(d, pad_byte, c * es);
        else
          load_a(d, in_row + static_cast<int64_t>(ix) * c, c, zp);
      }
    }
    if (kp > k) std::memset(row + k * es, 0, (kp - k) * es);
  }
}

}  // namespace

int64_t conv2d_i8_scratch_bytes(const ConvF32Shape& s, const GemmI8Kernel& gemm) {
  return a_bytes(s, gemm) + block_rows(s, gemm) * s.out_c * static_cast<int64_t>(sizeof(int32_t));
}

void conv2d_i8(const GemmI8Kernel& gemm, const Conv2dI8Args& p, int64_t row_begin, int64_t row_end,
               int64_t col_begin, int64_t col_end) {
  const ConvF32Shape& s = p.s;
  if (col_end < 0 || col_end > s.out_c) col_end = s.out_c;
  if (col_begin >= col_end) return;
  GemmI8Args g;
  g.n = col_end - col_begin;
  g.kp = gemm_i8_kp(gemm_k(s), gemm);
  // Whole panels of nr columns from col_begin on (gemm_i8_packed_bytes).
  g.packed = p.packed + gemm_i8_packed_bytes(col_begin, gemm_k(s), gemm);
  g.a = p.scratch;
  g.lda = g.kp;
  g.c = reinterpret_cast<int32_t*>(static_cast<char*>(p.scratch) + a_bytes(s, gemm));
  g.ldc = s.out_c;
  const int64_t rows = block_rows(s, gemm);
  for (int64_t r0 = row_begin; r0 < row_end; r0 += rows) {
    const int64_t r1 = std::min(r0 + rows, row_end);
    im2col(gemm, p, r0, r1, g.kp, static_cast<char*>(p.scratch));
    g.m = r1 - r0;
    gemm.run(g, 0, r1 - r0);
    p.requant.fn(p.requant.ctx, g.c, g.ldc, r1 - r0, col_begin, g.n, p.output + r0 * s.out_c + col_begin, s.out_c);
  }
}

}  // namespace xlite::kernels
