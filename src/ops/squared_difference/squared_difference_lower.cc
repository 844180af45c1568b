// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SQUARED_DIFFERENCE: (a - b)^2 with broadcasting.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::squared_difference {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_binary_by_table(ctx);
  Result<Value> a = ctx.input(0), b = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  const shlo::TType out = ctx.output_type(0);
  Value d = ctx.b.sub(ctx.b.broadcast_to(a.value(), out.shape), ctx.b.broadcast_to(b.value(), out.shape));
  ctx.set_output(0, ctx.b.mul(d, d));
  return ok_status();
}

}  // namespace xlite::ops::squared_difference
