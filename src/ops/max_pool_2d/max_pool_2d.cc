// SPDX-License-Identifier: Apache-2.0
// MAX_POOL_2D (Pool2DOptions): float32, int8, uint8, int16; input and
// output share their quantization.
#include "ops/max_pool_2d/max_pool_2d_ref.h"

namespace xlite::ops::max_pool_2d {

Status prepare(KernelContext& ctx) { return prepare_pool(ctx); }

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const PoolState& s = *ctx.state<PoolState>();
  switch (in.dtype) {
    case DType::kFloat32:
      ref::max_pool_2d<float>(s.g, in.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt8:
      ref::max_pool_2d<int8_t>(s.g, in.as<int8_t>(), s.qmin, s.qmax, out.as<int8_t>());
      break;
    case DType::kUInt8:
      ref::max_pool_2d<uint8_t>(s.g, in.as<uint8_t>(), s.qmin, s.qmax, out.as<uint8_t>());
      break;
    case DType::kInt16:
      ref::max_pool_2d<int16_t>(s.g, in.as<int16_t>(), s.qmin, s.qmax, out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::max_pool_2d
