// SPDX-License-Identifier: Apache-2.0
// The float32 fast path of the transposed convolutions, shared by
// TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias (which differ
// only in operand order, padding rule and bias/activation): the filter is
// packed for kernels/transpose_conv_f32.h at prepare (or before every
// eval when it is computed at run time), and eval splits the output rows
// across the executor's threads, each with its own scratch.
#pragma once

#include "kernels/buffer.h"
#include "kernels/kernels.h"
#include "kernels/transpose_conv_f32.h"
#include "ops/kernel.h"

namespace xlite::ops {

class TransposeConvF32Fast {
 public:
  // filter [O, KH, KW, I].
  void prepare(KernelContext& ctx, const kernels::TransposeConvF32Shape& shape, const RtTensor& filter) {
    gemm_ = kernels::select<kernels::GemmF32Kernel>().kernel;
    shape_ = shape;
    packed_.resize(static_cast<size_t>(kernels::transpose_conv_f32_packed_floats(shape_, *gemm_)));
    // 16 floats: each thread's block starts 64-byte aligned.
    scratch_floats_ = (kernels::transpose_conv_f32_scratch_floats(shape_, *gemm_) + 15) / 16 * 16;
    ctx.reserve_scratch(scratch_floats_ * 4 * ctx.num_threads());
    pack_in_eval_ = !filter.constant;
    if (!pack_in_eval_) {
      kernels::pack_transpose_conv_f32(shape_, *gemm_, filter.as<float>(), packed_.data());
      // The bias is read from its tensor at eval, so only the filter's
      // bytes are replaced by the packed copy.
      ctx.note_packed(static_cast<int64_t>(packed_.size() * sizeof(float)), {&filter});
    }
  }

  void eval(KernelContext& ctx, const RtTensor& in, const RtTensor& filter, const float* bias, float min, float max,
            float* out) {
    if (pack_in_eval_) kernels::pack_transpose_conv_f32(shape_, *gemm_, filter.as<float>(), packed_.data());
    kernels::TransposeConvF32Args args;
    args.s = shape_;
    args.input = in.as<float>();
    args.packed = packed_.data();
    args.bias = bias;
    args.output = out;
    args.min = min, args.max = max;
    float* const scratch = static_cast<float*>(ctx.scratch(scratch_floats_ * 4 * ctx.num_threads()));
    const int64_t rows = static_cast<int64_t>(shape_.batches) * shape_.out_h;
    ctx.parallel_for(
        rows,
        [&](int64_t r0, int64_t r1, int part) {
          kernels::TransposeConvF32Args a = args;
          a.scratch = scratch + part * scratch_floats_;
          kernels::transpose_conv_f32(*gemm_, a, r0, r1);
        },
        kernels::transpose_conv_f32_min_rows(shape_));
  }

 private:
  const kernels::GemmF32Kernel* gemm_ = nullptr;
  kernels::TransposeConvF32Shape shape_{};
  kernels::AlignedFloats packed_;
  int64_t scratch_floats_ = 0;  // per thread
  bool pack_in_eval_ = false;
};

}  // namespace xlite::ops
