// SPDX-License-Identifier: Apache-2.0
// MAX_POOL_2D (Pool2DOptions): float32, int8, uint8, int16; input and
// output share their quantization.
#include "ops/max_pool_2d/max_pool_2d_ref.h"

#include <type_traits>

#include "ops/common/pool_rows.h"

namespace xlite::ops::max_pool_2d {

Status prepare(KernelContext& ctx) { return prepare_pool(ctx); }

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const PoolState& s = *ctx.state<PoolState>();
  if (in.dtype != DType::kFloat32 && in.dtype != DType::kInt8 && in.dtype != DType::kUInt8 &&
      in.dtype != DType::kInt16)
    return check::unsupported_dtype(in, "input");
  // Outside --reference-kernels the channel-innermost loops (pool_rows.h).
  const bool fast = !ctx.reference_only();
  auto pool = [fast](const PoolGeometry& g, const auto* x, auto lo, auto hi, auto* y) {
    using T = std::remove_cv_t<std::remove_pointer_t<decltype(x)>>;
    if (fast)
      pool_rows::max_pool<T>(g, x, static_cast<T>(lo), static_cast<T>(hi), y);
    else
      ref::max_pool_2d<T>(g, x, static_cast<T>(lo), static_cast<T>(hi), y);
  };
  parallel_rows(ctx, s.g, [&](const PoolGeometry& g, int64_t io, int64_t oo) {
    switch (in.dtype) {
      case DType::kFloat32:
        if (s.fast_f32)
          pool_rows::pool_f32(*s.fast_f32, false, g, in.as<float>() + io, s.fmin, s.fmax, out.as<float>() + oo);
        else
          pool(g, in.as<float>() + io, s.fmin, s.fmax, out.as<float>() + oo);
        break;
      case DType::kInt8:
        pool(g, in.as<int8_t>() + io, s.qmin, s.qmax, out.as<int8_t>() + oo);
        break;
      case DType::kUInt8:
        pool(g, in.as<uint8_t>() + io, s.qmin, s.qmax, out.as<uint8_t>() + oo);
        break;
      case DType::kInt16:
        pool(g, in.as<int16_t>() + io, s.qmin, s.qmax, out.as<int16_t>() + oo);
        break;
      default:
        break;
    }
  });
  return ok_status();
}

}  // namespace xlite::ops::max_pool_2d
