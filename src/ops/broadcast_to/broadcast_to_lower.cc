// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of BROADCAST_TO: numpy broadcast to the output shape.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::broadcast_to {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  ctx.set_output(0, ctx.b.broadcast_to(in.value(), ctx.output_type(0).shape));
  return ok_status();
}

}  // namespace xlite::ops::broadcast_to
