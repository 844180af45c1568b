// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of GATHER: stablehlo.gather of whole slices along the axis (batch_dims 0).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::gather {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> params = ctx.input(0), indices = ctx.input(1);
  if (!params.ok()) return params.status();
  if (!indices.ok()) return indices.status();
  if (ctx.attrs().get_int("batch_dims", 0) != 0) return Status::error("batch_dims other than 0 has no lowering yet");
  Result<int64_t> axis = shlo::normalize_axis(ctx.attrs().get_int("axis", 0), params->type.rank());
  if (!axis.ok()) return axis.status();
  ctx.set_output(0, shlo::gather_axis(ctx.b, params.value(), indices.value(), axis.value()));
  return ok_status();
}

}  // namespace xlite::ops::gather
