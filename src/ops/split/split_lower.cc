// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPLIT: equal slices along the axis (input 0 is the axis).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::split {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(1);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> ax = ctx.const_ints(0);
  if (!ax.ok()) return ax.status();
  if (ax->size() != 1) return Status::error("the axis must be one value");
  const int rank = in->type.rank();
  Result<int64_t> axis = shlo::normalize_axis((*ax)[0], rank);
  if (!axis.ok()) return axis.status();
  int64_t offset = 0;
  for (int k = 0; k < ctx.num_outputs(); ++k) {
    const shlo::TType out = ctx.output_type(k);
    std::vector<int64_t> start(rank, 0), limit = in->type.shape, strides(rank, 1);
    start[axis.value()] = offset;
    limit[axis.value()] = offset + out.shape[axis.value()];
    offset = limit[axis.value()];
    ctx.set_output(k, ctx.b.slice(in.value(), start, limit, strides));
  }
  return ok_status();
}

}  // namespace xlite::ops::split
