// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SLICE: stablehlo.slice from the constant begin and size (size -1: to
// the end).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::slice {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> begin = ctx.const_ints(1), size = ctx.const_ints(2);
  if (!begin.ok()) return begin.status();
  if (!size.ok()) return size.status();
  const int rank = in->type.rank();
  if (static_cast<int>(begin->size()) != rank || static_cast<int>(size->size()) != rank)
    return Status::error("begin and size must have rank entries");
  std::vector<int64_t> limit(rank), strides(rank, 1);
  for (int d = 0; d < rank; ++d) limit[d] = (*size)[d] < 0 ? in->type.shape[d] : (*begin)[d] + (*size)[d];
  ctx.set_output(0, ctx.b.slice(in.value(), begin.value(), limit, strides));
  return ok_status();
}

}  // namespace xlite::ops::slice
