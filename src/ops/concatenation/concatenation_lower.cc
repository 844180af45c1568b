// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of CONCATENATION: stablehlo.concatenate along the axis, then the fused
// activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::concatenation {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  std::vector<Value> parts;
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    Result<Value> v = ctx.input(k);
    if (!v.ok()) return v.status();
    parts.push_back(v.value());
  }
  const shlo::TType out = ctx.output_type(0);
  Result<int64_t> axis = shlo::normalize_axis(ctx.attrs().get_int("axis", 0), out.rank());
  if (!axis.ok()) return axis.status();
  Result<Value> act = shlo::apply_activation(ctx.b, ctx.b.concatenate(parts, axis.value()),
                                             ctx.attrs().get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::concatenation
