// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RELU: clamp to [0, +inf) as max(x, 0).
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::relu {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  Result<Value> x = ctx.input(0);
  if (!x.ok()) return x.status();
  ctx.set_output(0, ctx.b.max(x.value(), ctx.b.splat(x->type.dtype, x->type.shape, 0.0)));
  return ok_status();
}

}  // namespace xlite::ops::relu
