// SPDX-License-Identifier: Apache-2.0
// Transposed convolution as GEMM + col2im (transpose_conv_f32.h). Plain
// C++: the arithmetic that matters is the GEMM variant's; the scatter is
// one add per column, in runs the compiler vectorises.
#include "kernels/transpose_conv_f32.h"

#include <algorithm>
#include <cstring>

namespace xlite::kernels {
namespace {

// Columns per block: about 64 KB, so a block stays in L1/L2 between the
// GEMM writing it and the scatter reading it.
constexpr int64_t kScratchFloats = 16 * 1024;
constexpr int64_t kMaxBlockRows = 512;

// The GEMM's columns: KH*KW*O, rounded up to 8 with zero columns so that a
// narrow layer's tiles end on a whole 8-float vector: AVX2 has no cheap
// partial store (VMASKMOVPS is slow on some cores), and the lanes are
// computed either way.
int64_t gemm_n(const TransposeConvF32Shape& s) {
  return (static_cast<int64_t>(s.filter_h) * s.filter_w * s.out_c + 7) / 8 * 8;
}

int64_t block_rows(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm) {
  const int64_t n = std::max<int64_t>(gemm_n(s), 1);
  const int64_t rows = std::min(kScratchFloats / n, kMaxBlockRows) / gemm.mr * gemm.mr;
  return std::max<int64_t>(rows, gemm.mr);
}

// Rounds toward minus infinity (the numerator may be negative).
int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

inline void add_floats(float* __restrict dst, const float* __restrict src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] += src[i];
}

// `count` runs of `len` floats: src (step src_step) added to dst (step
// dst_step). Short runs (a few taps of one or two channels, as in
// segmentation heads) get a loop with the length fixed, which the
// compiler turns into a few vector or scalar adds and no inner loop.
template <int Len>
void add_runs_fixed(float* dst, int64_t dst_step, const float* src, int64_t src_step, int64_t count) {
  for (int64_t c = 0; c < count; ++c, dst += dst_step, src += src_step)
#pragma GCC unroll 16
    for (int i = 0; i < Len; ++i) dst[i] += src[i];
}

void add_runs(float* dst, int64_t dst_step, const float* src, int64_t src_step, int64_t len, int64_t count) {
  switch (len) {
    case 1: return add_runs_fixed<1>(dst, dst_step, src, src_step, count);
    case 2: return add_runs_fixed<2>(dst, dst_step, src, src_step, count);
    case 3: return add_runs_fixed<3>(dst, dst_step, src, src_step, count);
    case 4: return add_runs_fixed<4>(dst, dst_step, src, src_step, count);
    case 6: return add_runs_fixed<6>(dst, dst_step, src, src_step, count);
    case 8: return add_runs_fixed<8>(dst, dst_step, src, src_step, count);
    default:
      for (int64_t c = 0; c < count; ++c, dst += dst_step, src += src_step) add_floats(dst, src, len);
  }
}

// One batch's output rows [lo, hi) and the state of its walk: rows below
// `filled` hold the bias (plus whatever was added since), rows below
// `done` are final.
class RowRange {
 public:
  RowRange(const TransposeConvF32Args& p, int64_t batch, int64_t lo, int64_t hi)
      : p_(p), s_(p.s), lo_(lo), hi_(hi), filled_(lo), done_(lo) {
    row_floats_ = static_cast<int64_t>(s_.out_w) * s_.out_c;
    out_ = p.output + batch * s_.out_h * row_floats_;
    clamp_ = !(p.min == -std::numeric_limits<float>::infinity() && p.max == std::numeric_limits<float>::infinity());
  }

  void fill_to(int64_t y) {
    for (y = std::min(y, hi_); filled_ < y; ++filled_) fill_row(out_ + filled_ * row_floats_);
  }
  void finish_to(int64_t y) {
    y = std::min(y, hi_);
    fill_to(y);
    if (!clamp_) {
      done_ = std::max(done_, y);
      return;
    }
    const float lo = p_.min, hi = p_.max;
    for (; done_ < y; ++done_) {
      float* row = out_ + done_ * row_floats_;
      // As the reference: NaN stays NaN.
      for (int64_t i = 0; i < row_floats_; ++i) row[i] = std::min(std::max(row[i], lo), hi);
    }
  }

  // Adds a block of column rows (input pixels [q0, q1) of this batch, row
  // stride n) into the rows of this range, one input row at a time.
  void scatter(const float* cols, int64_t n, int64_t q0, int64_t q1) const {
    for (int64_t q = q0; q < q1;) {
      const int64_t ix0 = q % s_.in_w, ix1 = std::min<int64_t>(s_.in_w, ix0 + (q1 - q));
      scatter_row(cols + (q - q0) * n, n, q / s_.in_w, ix0, ix1);
      q += ix1 - ix0;
    }
  }

 private:
  // Input pixels [ix0, ix1) of input row iy; cols is pixel ix0's columns.
  void scatter_row(const float* cols, int64_t n, int64_t iy, int64_t ix0, int64_t ix1) const {
    const int64_t oc = s_.out_c, kw = s_.filter_w, sw = s_.stride_w, pw = s_.pad_w;
    const int64_t oy0 = iy * s_.stride_h - s_.pad_h;
    const int64_t fy0 = std::max<int64_t>(0, lo_ - oy0), fy1 = std::min<int64_t>(s_.filter_h, hi_ - oy0);
    // Pixels whose taps all land inside the row: ix*sw - pw >= 0 and
    // ix*sw - pw + kw <= out_w.
    const int64_t in0 = std::clamp<int64_t>(floor_div(pw + sw - 1, sw), ix0, ix1);
    const int64_t in1 = std::clamp<int64_t>(floor_div(s_.out_w + pw - kw, sw) + 1, in0, ix1);
    for (int64_t fy = fy0; fy < fy1; ++fy) {
      float* row = out_ + (oy0 + fy) * row_floats_;
      const float* src = cols + fy * kw * oc;
      auto edge = [&](int64_t ix) {
        const int64_t ox0 = ix * sw - pw;
        const int64_t fx0 = std::max<int64_t>(0, -ox0), fx1 = std::min<int64_t>(kw, s_.out_w - ox0);
        if (fx1 > fx0) add_floats(row + (ox0 + fx0) * oc, src + (ix - ix0) * n + fx0 * oc, (fx1 - fx0) * oc);
      };
      for (int64_t ix = ix0; ix < in0; ++ix) edge(ix);
      // The taps of one filter row are one contiguous run in both the
      // columns and the output row.
      if (in1 > in0) add_runs(row + (in0 * sw - pw) * oc, sw * oc, src + (in0 - ix0) * n, n, kw * oc, in1 - in0);
      for (int64_t ix = std::max(in1, in0); ix < ix1; ++ix) edge(ix);
    }
  }

  void fill_row(float* row) const {
    const int64_t oc = s_.out_c;
    if (p_.bias == nullptr) {
      std::memset(row, 0, static_cast<size_t>(row_floats_) * sizeof(float));
    } else if (oc == 1) {
      std::fill(row, row + row_floats_, p_.bias[0]);
    } else {
      // One pixel's bias, then doubling copies of what is written.
      std::memcpy(row, p_.bias, static_cast<size_t>(oc) * sizeof(float));
      for (int64_t have = oc; have < row_floats_;) {
        const int64_t len = std::min(have, row_floats_ - have);
        std::memcpy(row + have, row, static_cast<size_t>(len) * sizeof(float));
        have += len;
      }
    }
  }

  const TransposeConvF32Args& p_;
  const TransposeConvF32Shape& s_;
  int64_t lo_, hi_, filled_, done_, row_floats_;
  float* out_;
  bool clamp_;
};

void run_batch_rows(const GemmF32Kernel& gemm, const TransposeConvF32Args& p, int64_t batch, int64_t lo,
                    int64_t hi) {
  const TransposeConvF32Shape& s = p.s;
  RowRange range(p, batch, lo, hi);
  // Input rows whose taps reach [lo, hi): iy*stride - pad + fy in [lo, hi)
  // for some fy in [0, filter_h).
  const int64_t iy0 = std::max<int64_t>(0, floor_div(lo + s.pad_h - s.filter_h, s.stride_h) + 1);
  const int64_t iy1 = std::min<int64_t>(s.in_h, floor_div(hi - 1 + s.pad_h, s.stride_h) + 1);
  if (iy0 < iy1 && s.in_w > 0) {
    GemmF32Args g;
    g.n = gemm_n(s);
    g.k = s.in_c;
    g.lda = s.in_c;
    g.packed = p.packed;
    g.c = p.scratch;
    g.ldc = g.n;
    const float* in_b = p.input + batch * s.in_h * s.in_w * s.in_c;
    const int64_t rows = block_rows(s, gemm);
    const int64_t q_end = iy1 * s.in_w;
    for (int64_t q0 = iy0 * s.in_w; q0 < q_end; q0 += rows) {
      const int64_t q1 = std::min(q0 + rows, q_end);
      g.a = in_b + q0 * s.in_c;
      g.m = q1 - q0;
      gemm.run(g, 0, g.m);
      // The last input row in the block reaches down to this output row.
      const int64_t last_iy = (q1 - 1) / s.in_w;
      range.fill_to(last_iy * s.stride_h - s.pad_h + s.filter_h);
      range.scatter(p.scratch, g.n, q0, q1);
      // Input rows from q1 / in_w on add nothing above this output row.
      range.finish_to(q1 / s.in_w * s.stride_h - s.pad_h);
    }
  }
  range.finish_to(hi);
}

}  // namespace

int64_t transpose_conv_f32_packed_floats(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm) {
  return gemm_f32_packed_floats(gemm_n(s), s.in_c, gemm.nr);
}

void pack_transpose_conv_f32(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm, const float* filter,
                             float* out) {
  // pack_gemm_f32's layout (gemm_f32.h) with W's column (tap, o) taken
  // from the filter's row (o, tap), written directly: this also runs before
  // every eval when the filter is computed at run time, so no temporary.
  const int64_t taps = static_cast<int64_t>(s.filter_h) * s.filter_w, oc = s.out_c, k = s.in_c;
  const int64_t n = gemm_n(s), used = taps * oc, nr = gemm.nr;
  for (int64_t n0 = 0; n0 < n; n0 += nr) {
    float* panel = out + n0 * (k + 1);
    std::fill(panel, panel + nr, 0.0f);  // no bias: it is added in the output rows
    for (int64_t j = 0; j < nr; ++j) {
      const int64_t col = n0 + j;
      float* dst = panel + nr + j;
      if (col < used) {
        const float* src = filter + ((col % oc) * taps + col / oc) * k;
        for (int64_t kk = 0; kk < k; ++kk) dst[kk * nr] = src[kk];
      } else {
        for (int64_t kk = 0; kk < k; ++kk) dst[kk * nr] = 0.0f;
      }
    }
  }
}

int64_t transpose_conv_f32_scratch_floats(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm) {
  return block_rows(s, gemm) * gemm_n(s);
}

int64_t transpose_conv_f32_min_rows(const TransposeConvF32Shape& s) {
  // At least twice the rows one input row reaches, and some 4096 outputs.
  const int64_t row = std::max<int64_t>(static_cast<int64_t>(s.out_w) * s.out_c, 1);
  return std::max<int64_t>({2 * static_cast<int64_t>(s.filter_h), 4096 / row, 1});
}

void transpose_conv_f32(const GemmF32Kernel& gemm, const TransposeConvF32Args& p, int64_t row_begin,
                        int64_t row_end) {
  const int64_t oh = p.s.out_h;
  if (oh <= 0) return;
  for (int64_t b = row_begin / oh; b * oh < row_end; ++b)
    run_batch_rows(gemm, p, b, std::max<int64_t>(row_begin - b * oh, 0), std::min<int64_t>(row_end - b * oh, oh));
}

}  // namespace xlite::kernels
