// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of AVERAGE_POOL_2D: a windowed sum divided by the
// number of real (unpadded) elements in each window, as TFLite counts
// them; the counts are the same windowed sum over a tensor of ones padded
// with zeros. Then the fused activation.
#include "ops/common/shape_lower.h"

namespace xlite::ops::average_pool_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || out.rank() != 4) return Status::error("input and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const PoolWindow w = pool_window(a, in->type, out);
  const DType t = in->type.dtype;
  Value sum = ctx.b.reduce_window(in.value(), ctx.b.scalar(t, 0.0), w.window, w.strides, w.pads, "stablehlo.add", out);
  Value ones = ctx.b.splat(t, in->type.shape, 1.0);
  Value count = ctx.b.reduce_window(ones, ctx.b.scalar(t, 0.0), w.window, w.strides, w.pads, "stablehlo.add", out);
  Result<Value> act =
      shlo::apply_activation(ctx.b, ctx.b.div(sum, count), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::average_pool_2d
