// SPDX-License-Identifier: Apache-2.0
// float32 transposed convolution (TRANSPOSE_CONV, MediaPipe's
// Convolution2DTransposeBias) on a GEMM variant, in its scatter form:
//
//   cols[p][(fy*KW + fx)*O + o] = sum_i input[p][i] * filter[o][fy][fx][i]
//
// is a GEMM with input pixel p as row (the NHWC input is A as it is, no
// gather) and the filter packed once as W[KH*KW*O][I]; then each row of
// `cols` is added into the output window of its pixel (col2im): tap
// (fy, fx) of input pixel (iy, ix) lands on output pixel
// (iy*stride_h - pad_h + fy, ix*stride_w - pad_w + fx), dropped outside.
//
// Why this form and not the output-stationary one (one stride-1
// convolution per output phase): the GEMM's N is KH*KW*O, not O, which is
// what keeps a layer with one output channel (MediaPipe's segmentation
// heads: 2x2 taps, stride 2, O = 1) from running vectors of one useful lane;
// the input is read once instead of once per phase; and the scatter costs
// one add per column against I multiply-adds per column in the GEMM.
//
// Threads split the output rows: each range computes the columns of the
// input rows that reach it (a few rows are computed by both neighbours when
// KH > stride_h) and adds only into its own rows, so ranges never write the
// same element. Within a range, output rows get the bias when the first
// contribution is due and the clamp once the last one is in, so a row is
// still in cache for both.
#pragma once

#include <cstdint>
#include <limits>

#include "kernels/gemm_f32.h"

namespace xlite::kernels {

// NHWC geometry; pad_* is what the output loses before its first
// row/column (input pixel i's tap k lands on i * stride + k - pad).
struct TransposeConvF32Shape {
  int32_t batches, in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w, pad_h, pad_w;
};

struct TransposeConvF32Args {
  TransposeConvF32Shape s;
  const float* input = nullptr;
  const float* packed = nullptr;  // pack_transpose_conv_f32()
  const float* bias = nullptr;    // [out_c] or null (zeros)
  float* output = nullptr;
  float* scratch = nullptr;  // transpose_conv_f32_scratch_floats() floats, per thread
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
};

// Floats of the packed filter, and the packing: filter [O, KH, KW, I].
int64_t transpose_conv_f32_packed_floats(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm);
void pack_transpose_conv_f32(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm, const float* filter,
                             float* out);
int64_t transpose_conv_f32_scratch_floats(const TransposeConvF32Shape& s, const GemmF32Kernel& gemm);

// Output rows [row_begin, row_end) of the batches * out_h rows, complete
// (bias, every contribution, clamp). Disjoint ranges may run concurrently
// with separate scratch.
void transpose_conv_f32(const GemmF32Kernel& gemm, const TransposeConvF32Args& args, int64_t row_begin,
                        int64_t row_end);

// A range of output rows worth giving a thread: enough that the input rows
// computed twice at its edges stay a small part of its work.
int64_t transpose_conv_f32_min_rows(const TransposeConvF32Shape& s);

}  // namespace xlite::kernels
