// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MAX_POOL_2D: reduce_window with maximum over a
// [1, fh, fw, 1] window, padding with -inf (padding never wins), then the
// fused activation.
#include <limits>

#include "ops/common/pool.h"
#include "ops/common/shape_lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::max_pool_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || out.rank() != 4) return Status::error("input and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const PoolWindow w = pool_window(a, in->type, out);
  if (integer_quant(ctx)) {
    // --quant=integer: input and output share their quantization, so the
    // maximum of the codes (padding: the lowest code), clamped to the
    // kernel's activation range.
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    const PoolState& s = *static_cast<const PoolState*>(st->get());
    const DType t = in->type.dtype;
    Value y = ctx.b.reduce_window(in.value(), ctx.b.scalar(t, lowest_code(t)), w.window, w.strides, w.pads,
                                  "stablehlo.maximum", out);
    ctx.set_output(0, ctx.b.clamp(ctx.b.scalar(t, s.qmin), y, ctx.b.scalar(t, s.qmax)));
    return ok_status();
  }
  Value init = ctx.b.scalar(in->type.dtype, -std::numeric_limits<double>::infinity());
  Value y = ctx.b.reduce_window(in.value(), init, w.window, w.strides, w.pads, "stablehlo.maximum", out);
  Result<Value> act = shlo::apply_activation(ctx.b, y, a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::max_pool_2d
