// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of HARD_SWISH: x * relu6(x + 3) / 6.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::hard_swish {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  Value r = b.clamp(b.scalar(t.dtype, 0.0), b.add(in.value(), b.splat(t.dtype, t.shape, 3.0)), b.scalar(t.dtype, 6.0));
  ctx.set_output(0, b.div(b.mul(in.value(), r), b.splat(t.dtype, t.shape, 6.0)));
  return ok_status();
}

}  // namespace xlite::ops::hard_swish
