// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of LEAKY_RELU: x > 0 ? x : alpha * x.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::leaky_relu {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  Value pos = b.compare(in.value(), b.splat(t.dtype, t.shape, 0.0), shlo::Cmp::GT);
  Value neg = b.mul(in.value(), b.splat(t.dtype, t.shape, ctx.attrs().get_float("alpha", 0.2)));
  ctx.set_output(0, b.select(pos, in.value(), neg));
  return ok_status();
}

}  // namespace xlite::ops::leaky_relu
