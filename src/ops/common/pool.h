// SPDX-License-Identifier: Apache-2.0
// What the pooling ops share: geometry from Pool2DOptions and the output
// range after the fused activation. The window is clipped to the input, so
// padded positions never take part (TFLite's pooling semantics).
#pragma once

#include "kernels/kernels.h"
#include <algorithm>
#include <cstdint>

#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/common/window.h"
#include "ops/kernel.h"

namespace xlite::ops {

struct PoolGeometry {
  int32_t batches, in_h, in_w, channels, out_h, out_w;
  int32_t filter_h, filter_w, stride_h, stride_w, pad_h, pad_w;
};

struct PoolState : OpState {
  PoolGeometry g;
  float fmin, fmax;
  int32_t qmin, qmax;
  // float32 outside --reference-kernels (pool_rows::pool_f32).
  const kernels::PoolF32Kernel* fast_f32 = nullptr;
};

// Checks the operands, sets the output shape, fills the state.
inline Status prepare_pool(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(in, 4, "input"));
  const Attrs& a = ctx.attrs();
  PoolState* s = ctx.make_state<PoolState>();
  PoolGeometry& g = s->g;
  g.batches = in.dim(0), g.in_h = in.dim(1), g.in_w = in.dim(2), g.channels = in.dim(3);
  g.filter_h = static_cast<int32_t>(a.get_int("filter_height", 1));
  g.filter_w = static_cast<int32_t>(a.get_int("filter_width", 1));
  g.stride_h = static_cast<int32_t>(a.get_int("stride_h", 1));
  g.stride_w = static_cast<int32_t>(a.get_int("stride_w", 1));
  if (g.filter_h <= 0 || g.filter_w <= 0 || g.stride_h <= 0 || g.stride_w <= 0)
    return Status::error("filter sizes and strides must be positive");
  const int padding = static_cast<int>(a.get_int("padding", 0));
  g.out_h = window::out_size(padding, g.in_h, g.filter_h, g.stride_h, 1);
  g.out_w = window::out_size(padding, g.in_w, g.filter_w, g.stride_w, 1);
  g.pad_h = window::pad_before(g.in_h, g.filter_h, g.stride_h, 1, g.out_h);
  g.pad_w = window::pad_before(g.in_w, g.filter_w, g.stride_w, 1, g.out_w);
  out.shape = {g.batches, g.out_h, g.out_w, g.channels};
  out.dtype = in.dtype;
  const int act = static_cast<int>(a.get_int("fused_activation_function", 0));
  switch (in.dtype) {
    case DType::kFloat32:
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      if (!ctx.reference_only()) s->fast_f32 = kernels::select<kernels::PoolF32Kernel>().kernel;
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16: {
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      int32_t lo, hi;
      quant::dtype_range(in.dtype, &lo, &hi);
      quant::activation_range_quantized(act, out.scale(), out.zero_point(), lo, hi, &s->qmin, &s->qmax);
      return ok_status();
    }
    default:
      return check::unsupported_dtype(in, "input");
  }
}

// Splits the output rows (batches x out_h) across the executor's threads:
// f(part, in_offset, out_offset) runs a pooling kernel on `part`, one batch
// and a band of output rows whose pad_h is moved so that each row sees the
// same window of the input (the window is clipped the same way), reading
// from input + in_offset and writing output + out_offset (elements).
template <typename F>
void parallel_rows(KernelContext& ctx, const PoolGeometry& g, F&& f) {
  const int64_t rows = static_cast<int64_t>(g.batches) * g.out_h;
  const int64_t row_work = std::max<int64_t>(1, int64_t{g.out_w} * g.channels * g.filter_h * g.filter_w);
  ctx.parallel_for(
      rows,
      [&](int64_t begin, int64_t end, int) {
        for (int64_t r = begin; r < end;) {
          const int32_t b = static_cast<int32_t>(r / g.out_h), y0 = static_cast<int32_t>(r % g.out_h);
          const int32_t y1 = static_cast<int32_t>(std::min<int64_t>(g.out_h, y0 + (end - r)));
          PoolGeometry part = g;
          part.batches = 1;
          part.out_h = y1 - y0;
          part.pad_h = g.pad_h - y0 * g.stride_h;
          f(part, int64_t{b} * g.in_h * g.in_w * g.channels, (int64_t{b} * g.out_h + y0) * g.out_w * g.channels);
          r += y1 - y0;
        }
      },
      std::max<int64_t>(1, 262144 / row_work));  // ~262 K window taps a piece
}

}  // namespace xlite::ops
