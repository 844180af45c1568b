// SPDX-License-Identifier: Apache-2.0
// float32 CONV_2D (groups == 1) on a GEMM variant. Output pixel i (of
// batches * out_h * out_w, NHWC order) is GEMM row i and the filter
// [O, KH, KW, I] packed with pack_gemm_f32 is W[O][KH*KW*I]. A 1x1, stride
// 1, unpadded convolution reads the input as A directly. Any other one
// runs a block of rows at a time with caller-owned scratch: without
// dilation across the width, an indirect GEMM (each row's filter rows are
// pointers into the input, GemmF32Args::a_rows; zeros or an edge copy
// where the window leaves it), otherwise an im2col copy of the block
// (taps in filter order, zeros for padding).
#pragma once

#include <cstdint>
#include <limits>

#include "kernels/gemm_f32.h"

namespace xlite::kernels {

// NHWC geometry; pad_* is the padding before the first row/column.
struct ConvF32Shape {
  int32_t batches, in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
};

struct Conv2dF32Args {
  ConvF32Shape s;
  const float* input = nullptr;
  const float* packed = nullptr;  // pack_gemm_f32(filter, K, bias, out_c, K, gemm.nr)
  float* output = nullptr;
  float* scratch = nullptr;  // conv2d_f32_scratch_floats() floats, per thread
  const float* dot = nullptr;  // out_c == 1: pack_gemm_f32_dot's layout instead of `packed` (GemmF32Args::dot)
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  PostF32 post;  // optional
};

// True when the input is already the GEMM's A (no scratch needed).
bool conv2d_f32_is_gemm(const ConvF32Shape& s);
int64_t conv2d_f32_scratch_floats(const ConvF32Shape& s, const GemmF32Kernel& gemm);
// Output pixels [row_begin, row_end), output channels [col_begin, col_end)
// (col_end < 0: all; col_begin a multiple of gemm.nr). Disjoint ranges may
// run concurrently with separate scratch: a layer with few pixels and many
// channels (7x7 in a ResNet's last stage) splits by channels instead.
void conv2d_f32(const GemmF32Kernel& gemm, const Conv2dF32Args& args, int64_t row_begin, int64_t row_end,
                int64_t col_begin = 0, int64_t col_end = -1);

}  // namespace xlite::kernels
