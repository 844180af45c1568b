// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of AVERAGE_POOL_2D: a windowed sum divided by the
// number of real (unpadded) elements in each window, as TFLite counts
// them; the counts are the same windowed sum over a tensor of ones padded
// with zeros. Then the fused activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::average_pool_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || out.rank() != 4) return Status::error("input and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const int padding = static_cast<int>(a.get_int("padding", 0));
  const int64_t fh = a.get_int("filter_height", 1), fw = a.get_int("filter_width", 1);
  const int64_t sh = a.get_int("stride_h", 1), sw = a.get_int("stride_w", 1);
  const int64_t window[] = {1, fh, fw, 1}, strides[] = {1, sh, sw, 1};
  const std::pair<int64_t, int64_t> pads[] = {
      {0, 0}, shlo::window_padding(padding, in->type.shape[1], fh, sh, 1, out.shape[1]),
      shlo::window_padding(padding, in->type.shape[2], fw, sw, 1, out.shape[2]), {0, 0}};
  const DType t = in->type.dtype;
  Value sum = ctx.b.reduce_window(in.value(), ctx.b.scalar(t, 0.0), window, strides, pads, "stablehlo.add", out);
  Value ones = ctx.b.splat(t, in->type.shape, 1.0);
  Value count = ctx.b.reduce_window(ones, ctx.b.scalar(t, 0.0), window, strides, pads, "stablehlo.add", out);
  Result<Value> act =
      shlo::apply_activation(ctx.b, ctx.b.div(sum, count), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::average_pool_2d
