// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of PADV2: stablehlo.pad with the constant paddings and the value input.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::padv2 {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0), value = ctx.input(2);
  if (!in.ok()) return in.status();
  if (!value.ok()) return value.status();
  Result<std::vector<int64_t>> p = ctx.const_ints(1);
  if (!p.ok()) return p.status();
  const int rank = in->type.rank();
  if (static_cast<int>(p->size()) != 2 * rank) return Status::error("paddings must be [rank, 2]");
  if (value->type.num_elements() != 1) return Status::error("the pad value must have one element");
  std::vector<int64_t> lo, hi;
  for (int d = 0; d < rank; ++d) {
    lo.push_back((*p)[2 * d]);
    hi.push_back((*p)[2 * d + 1]);
  }
  ctx.set_output(0, ctx.b.pad(in.value(), ctx.b.reshape(value.value(), {}), lo, hi));
  return ok_status();
}

}  // namespace xlite::ops::padv2
