// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of UNPACK: one slice per output along the axis, with the axis dropped.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::unpack {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const int rank = in->type.rank();
  Result<int64_t> axis = shlo::normalize_axis(ctx.attrs().get_int("axis", 0), rank);
  if (!axis.ok()) return axis.status();
  if (in->type.shape[axis.value()] != ctx.num_outputs()) return Status::error("the axis size is not the output count");
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    std::vector<int64_t> start(rank, 0), limit = in->type.shape, strides(rank, 1);
    start[axis.value()] = k;
    limit[axis.value()] = k + 1;
    ctx.set_output(k, ctx.b.reshape(ctx.b.slice(in.value(), start, limit, strides), ctx.output_type(k).shape));
  }
  return ok_status();
}

}  // namespace xlite::ops::unpack
