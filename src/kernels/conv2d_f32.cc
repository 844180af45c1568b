// SPDX-License-Identifier: Apache-2.0
// CONV_2D as GEMM on a block of output pixels at a time: with no dilation
// across the width, an indirect GEMM whose rows point at the input's filter
// rows (copies only where the window crosses an edge); otherwise im2col of
// the block into scratch. Plain C++ (the copies are memcpy); the
// arithmetic is the variant's.
#include "kernels/conv2d_f32.h"

#include <algorithm>
#include <cstring>

namespace xlite::kernels {
namespace {

// im2col scratch per block: about 64 KB of rows, so a block stays in L2
// (with the panels) while the GEMM sweeps it.
constexpr int64_t kScratchFloats = 16 * 1024;
constexpr int64_t kMaxBlockRows = 256;

int64_t gemm_k(const ConvF32Shape& s) { return static_cast<int64_t>(s.filter_h) * s.filter_w * s.in_c; }

bool indirect(const ConvF32Shape& s) { return s.dilation_w == 1; }

// Rows per block. The indirect path copies nothing but the windows that
// cross the left or right edge, so its blocks are as long as allowed: every
// block streams all the weights once, which for a deep layer (4.6 K x 512
// floats at 7x7 in a ResNet's last stage) is far more than its rows.
int64_t block_rows(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  if (indirect(s)) return std::max<int64_t>(kMaxBlockRows / gemm.mr * gemm.mr, gemm.mr);
  const int64_t k = std::max<int64_t>(gemm_k(s), 1);
  const int64_t rows = std::min(kScratchFloats / k, kMaxBlockRows) / gemm.mr * gemm.mr;
  return std::max<int64_t>(rows, gemm.mr);
}

// Output pixels of one output row whose window crosses the left or right
// edge of the input (no dilation across the width).
int64_t edge_pixels_per_row(const ConvF32Shape& s) {
  const int64_t first = (s.pad_w + s.stride_w - 1) / s.stride_w;  // the first window inside
  const int64_t last = static_cast<int64_t>(s.in_w) - s.filter_w + s.pad_w;
  const int64_t end = last < 0 ? 0 : last / s.stride_w + 1;  // past the last window inside
  const int64_t inside = std::max<int64_t>(0, std::min<int64_t>(end, s.out_w) - std::min<int64_t>(first, s.out_w));
  return s.out_w - inside;
}

// Edge copies a block of `rows` consecutive pixels may need: it spans at
// most rows / out_w + 2 output rows, each with edge_pixels_per_row()
// crossing windows, each with one copy per filter row at most.
int64_t edge_runs(const ConvF32Shape& s, int64_t rows) {
  const int64_t pixels = std::min(rows, (rows / std::max(s.out_w, 1) + 2) * edge_pixels_per_row(s));
  return pixels * s.filter_h;
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

// The filter rows of output pixels [r0, r1), pixel by pixel and fy in
// order: f(in_row, ix0, inside) with the input row the filter row reads
// (nullptr when it lies above or below the input), the window's first
// column, and whether all its taps are inside the row (no dilation across
// the width, no padding), so its filter_w * in_c floats are contiguous.
template <class F>
void for_each_filter_row(const Conv2dF32Args& p, int64_t r0, int64_t r1, F f) {
  const ConvF32Shape& s = p.s;
  const int64_t c = s.in_c;
  const int64_t pixels = static_cast<int64_t>(s.out_h) * s.out_w;
  const int64_t in_row_floats = static_cast<int64_t>(s.in_w) * c;
  // One output row (fixed batch and oy) at a time: its filter rows' input
  // rows are found once, then each pixel only moves its first column.
  constexpr int32_t kMaxRowsOnStack = 16;
  const float* stack_rows[kMaxRowsOnStack];
  for (int64_t r = r0; r < r1;) {
    const int64_t b = r / pixels;
    const int32_t oy = static_cast<int32_t>(r % pixels / s.out_w);
    const int32_t ox0 = static_cast<int32_t>(r % s.out_w);
    const int32_t ox1 = static_cast<int32_t>(std::min<int64_t>(s.out_w, ox0 + (r1 - r)));
    const float* in_b = p.input + b * s.in_h * in_row_floats;
    const int32_t iy0 = oy * s.stride_h - s.pad_h;
    auto input_row = [&](int32_t fy) -> const float* {
      const int32_t iy = iy0 + fy * s.dilation_h;
      return iy < 0 || iy >= s.in_h ? nullptr : in_b + static_cast<int64_t>(iy) * in_row_floats;
    };
    const bool few = s.filter_h <= kMaxRowsOnStack;
    if (few)
      for (int32_t fy = 0; fy < s.filter_h; ++fy) stack_rows[fy] = input_row(fy);
    for (int32_t ox = ox0; ox < ox1; ++ox) {
      const int32_t ix0 = ox * s.stride_w - s.pad_w;
      const bool inside = s.dilation_w == 1 && ix0 >= 0 && ix0 + s.filter_w <= s.in_w;
      for (int32_t fy = 0; fy < s.filter_h; ++fy) f(few ? stack_rows[fy] : input_row(fy), ix0, inside);
    }
    r += ox1 - ox0;
  }
}

// One filter row's taps at dst: in_c floats per tap, zeros where a tap
// falls outside the input row.
void gather_taps(const ConvF32Shape& s, const float* in_row, int32_t ix0, float* dst) {
  const int64_t c = s.in_c;
  for (int32_t fx = 0; fx < s.filter_w; ++fx, dst += c) {
    const int32_t ix = ix0 + fx * s.dilation_w;
    if (ix < 0 || ix >= s.in_w)
      zero_floats(dst, c);
    else
      copy_floats(dst, in_row + static_cast<int64_t>(ix) * c, c);
  }
}

// Rows [r0, r1) of the im2col matrix: row i holds, for each tap (fy, fx) in
// filter order, the in_c input channels it reads, or zeros in the padding.
void im2col(const Conv2dF32Args& p, int64_t r0, int64_t r1, float* dst) {
  const ConvF32Shape& s = p.s;
  const int64_t run = s.filter_w * s.in_c;  // one filter row of taps
  for_each_filter_row(p, r0, r1, [&](const float* in_row, int32_t ix0, bool inside) {
    if (in_row == nullptr)
      zero_floats(dst, run);
    else if (inside)
      copy_floats(dst, in_row + ix0 * s.in_c, run);
    else
      gather_taps(s, in_row, ix0, dst);
    dst += run;
  });
}

// The indirect GEMM's rows [r0, r1): for each output pixel and filter row,
// a pointer to the filter_w * in_c input floats it reads. Inside the input
// that is the input itself; a filter row wholly above or below it reads
// `zeros`; one that crosses the left or right edge gets a copy with zeros
// in `border` (advanced past what it used). Needs dilation_w == 1.
void indirection(const Conv2dF32Args& p, int64_t r0, int64_t r1, const float** rows, const float* zeros,
                 float* border) {
  const ConvF32Shape& s = p.s;
  const int64_t run = s.filter_w * s.in_c;
  for_each_filter_row(p, r0, r1, [&](const float* in_row, int32_t ix0, bool inside) {
    if (in_row == nullptr) {
      *rows++ = zeros;
    } else if (inside) {
      *rows++ = in_row + ix0 * s.in_c;
    } else {
      gather_taps(s, in_row, ix0, border);
      *rows++ = border;
      border += run;
    }
  });
}

// Whether the windows inside the input run as strided A (GemmF32Args::
// seg_stride), one GEMM call per output row: only with small weights (a
// first layer on RGB, a narrow conv), where building the pointers costs
// about as much as the arithmetic and re-reading the weights for each
// output row costs nothing (they stay in L1/L2), and rows wide enough to
// fill register tiles.
bool strided_interior(const ConvF32Shape& s, const GemmF32Args& g) {
  return g.dot == nullptr && g.k * g.n <= 32 * 1024 && s.out_w >= 8;
}

// Scratch of the indirect path, in floats: the row pointers (two floats
// each), a zero run, then the edge copies (at most one run per pointer).
int64_t pointer_floats(const ConvF32Shape& s, int64_t rows) { return (rows * s.filter_h * 2 + 15) / 16 * 16; }
int64_t run_floats(const ConvF32Shape& s) { return (static_cast<int64_t>(s.filter_w) * s.in_c + 15) / 16 * 16; }

}  // namespace

bool conv2d_f32_is_gemm(const ConvF32Shape& s) {
  return s.filter_h == 1 && s.filter_w == 1 && s.stride_h == 1 && s.stride_w == 1 && s.pad_h == 0 && s.pad_w == 0 &&
         s.out_h == s.in_h && s.out_w == s.in_w;
}

int64_t conv2d_f32_scratch_floats(const ConvF32Shape& s, const GemmF32Kernel& gemm) {
  if (conv2d_f32_is_gemm(s)) return 0;
  const int64_t rows = block_rows(s, gemm);
  if (indirect(s))
    return pointer_floats(s, rows) + run_floats(s) + edge_runs(s, rows) * s.filter_w * s.in_c;
  return rows * gemm_k(s);
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
  g.dot = p.dot;
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
  if (indirect(s)) {
    // Row pointers into the input instead of copies (zeros and edge
    // copies where the window leaves it); the GEMM walks the filter rows.
    const float** ptrs = reinterpret_cast<const float**>(p.scratch);
    float* zeros = p.scratch + pointer_floats(s, rows);
    float* border = zeros + run_floats(s);
    zero_floats(zeros, run_floats(s));
    g.segs = s.filter_h;
    g.seg_k = static_cast<int64_t>(s.filter_w) * s.in_c;
    g.post = p.post;
    // Pixels [r0, r1) through row pointers, `rows` at a time.
    auto pointers = [&](int64_t r0, int64_t r1) {
      for (; r0 < r1; r0 += rows) {
        const int64_t e = std::min(r0 + rows, r1);
        GemmF32Args gi = g;
        gi.a_rows = ptrs;
        indirection(p, r0, e, ptrs, zeros, border);
        gi.m = e - r0;
        gi.c = output + r0 * s.out_c;
        gemm.run(gi, 0, e - r0);
      }
    };
    if (!strided_interior(s, g)) return pointers(row_begin, row_end);
    // The windows of one output row that lie wholly inside the input are
    // strided runs of it (an implicit GEMM, no pointers); the pixels
    // between such runs (edges, padded rows) go through pointers, joined
    // across output rows while they are contiguous.
    int32_t ox_a = (s.pad_w + s.stride_w - 1) / s.stride_w;
    const int32_t last = s.in_w - s.filter_w + s.pad_w;  // the last inside window's first column, + pad
    int32_t ox_b = last < 0 ? 0 : last / s.stride_w + 1;
    ox_a = std::min(ox_a, s.out_w);
    ox_b = std::max(ox_a, std::min(ox_b, s.out_w));
    const int64_t pixels = static_cast<int64_t>(s.out_h) * s.out_w;
    const int64_t in_row_floats = static_cast<int64_t>(s.in_w) * s.in_c;
    int64_t pending = row_begin;  // pointer pixels [pending, r) not yet run
    for (int64_t r = row_begin; r < row_end;) {
      const int64_t b = r / pixels;
      const int32_t oy = static_cast<int32_t>(r % pixels / s.out_w);
      const int32_t ox = static_cast<int32_t>(r % s.out_w);
      const int32_t ox_end = static_cast<int32_t>(std::min<int64_t>(s.out_w, ox + (row_end - r)));
      const int32_t iy0 = oy * s.stride_h - s.pad_h;
      const bool rows_inside = iy0 >= 0 && iy0 + (s.filter_h - 1) * s.dilation_h < s.in_h;
      const int32_t run_a = std::max(ox, ox_a), run_b = std::min(ox_end, ox_b);
      if (!rows_inside || run_b - run_a < gemm.mr) {
        r += ox_end - ox;
        continue;
      }
      const int64_t start = r + (run_a - ox);
      pointers(pending, start);
      GemmF32Args gs = g;
      gs.a = p.input + b * s.in_h * in_row_floats + static_cast<int64_t>(iy0) * in_row_floats +
             static_cast<int64_t>(run_a * s.stride_w - s.pad_w) * s.in_c;
      gs.lda = static_cast<int64_t>(s.stride_w) * s.in_c;
      gs.seg_stride = static_cast<int64_t>(s.dilation_h) * in_row_floats;
      gs.m = run_b - run_a;
      gs.c = output + start * s.out_c;
      gemm.run(gs, 0, gs.m);
      pending = start + gs.m;
      r += ox_end - ox;
    }
    pointers(pending, row_end);
    return;
  }
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
