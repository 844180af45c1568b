// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of PRELU: x >= 0 ? x : alpha * x, alpha broadcast to the output.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::prelu {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_binary_by_table(ctx);
  Result<Value> in = ctx.input(0), alpha = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!alpha.ok()) return alpha.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  Value x = b.broadcast_to(in.value(), out.shape);
  Value a = b.broadcast_to(b.convert(alpha.value(), out.dtype), out.shape);
  Value pos = b.compare(x, b.splat(out.dtype, out.shape, 0.0), shlo::Cmp::GE);
  ctx.set_output(0, b.select(pos, x, b.mul(x, a)));
  return ok_status();
}

}  // namespace xlite::ops::prelu
