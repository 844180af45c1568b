// SPDX-License-Identifier: Apache-2.0
// Convolution2DTransposeBias's kernel entry points and what prepare()
// derives from the options and shapes, shared with its StableHLO lowering
// (convolution_2d_transpose_bias_lower.cc) so that both check and read the
// op alike.
#pragma once

#include "ops/kernel.h"
#include "ops/transpose_conv/transpose_conv_fast.h"

namespace xlite::ops::custom::convolution_2d_transpose_bias {

// Input pixel i with filter tap k adds to output pixel
// i * stride + k - pad (pad_top along H, pad_left along W); the output is
// out_h x out_w.
struct State : OpState {
  int stride_h = 1, stride_w = 1, pad_top = 0, pad_left = 0;
  int out_h = 0, out_w = 0;
  // Unless the reference kernels are asked for: the GEMM-and-scatter path.
  bool fast = false;
  TransposeConvF32Fast fast_path;
};

Status prepare(KernelContext& ctx);
Status eval(KernelContext& ctx);

}  // namespace xlite::ops::custom::convolution_2d_transpose_bias
