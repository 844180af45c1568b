// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RELU: clamp to [0, +inf) as max(x, 0).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::relu {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> x = ctx.input(0);
  if (!x.ok()) return x.status();
  ctx.set_output(0, ctx.b.max(x.value(), ctx.b.splat(x->type.dtype, x->type.shape, 0.0)));
  return ok_status();
}

}  // namespace xlite::ops::relu
