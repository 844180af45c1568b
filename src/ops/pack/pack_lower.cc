// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of PACK: each input reshaped with a size-1 dim at the axis, concatenated.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::pack {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  const shlo::TType out = ctx.output_type(0);
  Result<int64_t> axis = shlo::normalize_axis(ctx.attrs().get_int("axis", 0), out.rank());
  if (!axis.ok()) return axis.status();
  std::vector<Value> parts;
  for (int k = 0; k < ctx.num_inputs(); ++k) {
    Result<Value> v = ctx.input(k);
    if (!v.ok()) return v.status();
    std::vector<int64_t> shape = v->type.shape;
    shape.insert(shape.begin() + axis.value(), 1);
    parts.push_back(ctx.b.reshape(v.value(), shape));
  }
  ctx.set_output(0, ctx.b.concatenate(parts, axis.value()));
  return ok_status();
}

}  // namespace xlite::ops::pack
