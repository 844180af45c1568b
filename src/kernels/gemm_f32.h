// SPDX-License-Identifier: Apache-2.0
// float32 GEMM with prepacked weights:
//   C[m][n] = clamp(sum_k A[m][k] * W[n][k] + bias[n], min, max)
// W is [N, K] row-major (a FULLY_CONNECTED weight, or a CONV_2D filter
// [O, KH, KW, I] seen as [O, KH*KW*I]). It is packed once into panels of
// `nr` output columns, the layout the microkernel streams:
//   panel p: bias[p*nr .. p*nr+nr), then for each k: W[p*nr .. p*nr+nr)[k]
// (columns past N are zero). A and C are plain row-major with strides.
#pragma once

#include <cstdint>
#include <limits>

namespace xlite::kernels {

// Work applied to each finished block of outputs (rows x n floats at c,
// row stride ldc) while it is in cache: an op's fused epilogue. Every
// output element is in exactly one block, with its final value.
struct PostF32 {
  void (*fn)(const void* ctx, float* c, int64_t rows, int64_t n, int64_t ldc) = nullptr;
  const void* ctx = nullptr;
};

struct GemmF32Args {
  int64_t m = 0, n = 0, k = 0;
  const float* a = nullptr;  // A[i][k] at a[i * lda + k]
  int64_t lda = 0;
  const float* packed = nullptr;  // pack_gemm_f32() with the kernel's nr
  float* c = nullptr;             // C[i][j] at c[i * ldc + j]
  int64_t ldc = 0;
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  // Indirect A (optional): when set, row i of A is `segs` runs of
  // `seg_k` floats (segs * seg_k == k), run s at a_rows[i * segs + s], and
  // a/lda are unused. CONV_2D points the runs at the input's filter rows
  // (one per filter row, filter_w * in_c contiguous floats) instead of
  // copying them out (im2col).
  const float* const* a_rows = nullptr;
  int64_t segs = 1, seg_k = 0;
  // Strided A (a_rows null, segs > 1): run s of row i is at
  // a + i * lda + s * seg_stride, seg_k floats long. CONV_2D uses it for
  // the pixels of one output row whose windows lie inside the input (an
  // implicit GEMM: no row pointers at all).
  int64_t seg_stride = 0;
  // One output column (n == 1) may instead come as row dot products,
  // vectorised along K: `dot` holds the column's K weights contiguously,
  // then its bias (pack_gemm_f32_dot), and `packed` is unused. A register
  // tile would use one lane of each vector (a segmentation head's 1-channel
  // output).
  const float* dot = nullptr;
  // Optional: called on each row tile of a block of panels as soon as it
  // is done (a few rows by up to kGemmPanelBlockBytes of weights'
  // columns), so an epilogue reads it from L1 without cutting the row
  // range, and with it the reuse of the weights in L2.
  PostF32 post;
};

// A GEMM variant: computes the output rows [m_begin, m_end) (all N
// columns). Rows are independent, so threads may take disjoint row ranges;
// a column split works by advancing `packed` by whole panels
// (gemm_f32_packed_floats(nr * p, k, nr)) and `c` by nr * p columns.
struct GemmF32Kernel {
  int mr, nr;  // register tile: rows x columns
  void (*run)(const GemmF32Args& args, int64_t m_begin, int64_t m_end);
};

// The dot layout of a single column: w[0..k) then the bias (0 when null);
// k + 1 floats, which fit in gemm_f32_packed_floats(1, k, nr).
inline void pack_gemm_f32_dot(const float* w, const float* bias, int64_t k, float* out) {
  for (int64_t i = 0; i < k; ++i) out[i] = w[i];
  out[k] = bias ? bias[0] : 0.0f;
}

// Floats that pack_gemm_f32 writes for n columns.
inline int64_t gemm_f32_packed_floats(int64_t n, int64_t k, int nr) { return (n + nr - 1) / nr * nr * (k + 1); }

// w: W[j][k] at w[j * ldw + k]; bias may be null (zeros). out must hold
// gemm_f32_packed_floats(n, k, nr) floats.
void pack_gemm_f32(const float* w, int64_t ldw, const float* bias, int64_t n, int64_t k, int nr, float* out);

}  // namespace xlite::kernels
