// SPDX-License-Identifier: Apache-2.0
// AVERAGE_POOL_2D (Pool2DOptions): float32, int8, uint8, int16; input and
// output share their quantization.
#include "ops/average_pool_2d/average_pool_2d_ref.h"

namespace xlite::ops::average_pool_2d {

Status prepare(KernelContext& ctx) { return prepare_pool(ctx); }

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const PoolState& s = *ctx.state<PoolState>();
  switch (in.dtype) {
    case DType::kFloat32:
      ref::average_pool_2d_float(s.g, in.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt8:
      ref::average_pool_2d_quantized<int8_t>(s.g, in.as<int8_t>(), s.qmin, s.qmax, out.as<int8_t>());
      break;
    case DType::kUInt8:
      ref::average_pool_2d_quantized<uint8_t>(s.g, in.as<uint8_t>(), s.qmin, s.qmax, out.as<uint8_t>());
      break;
    case DType::kInt16:
      ref::average_pool_2d_quantized<int16_t>(s.g, in.as<int16_t>(), s.qmin, s.qmax, out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::average_pool_2d
