// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TILE: broadcast [d0, d1 ...] to [m0, d0, m1, d1 ...] and reshape to
// [m0*d0, m1*d1 ...].
#include "emit/stablehlo/lower.h"

namespace xlite::ops::tile {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> m = ctx.const_ints(1);
  if (!m.ok()) return m.status();
  const int rank = in->type.rank();
  if (static_cast<int>(m->size()) != rank) return Status::error("multiples must have rank entries");
  std::vector<int64_t> shape, dims;
  for (int d = 0; d < rank; ++d) {
    shape.push_back((*m)[d]);
    shape.push_back(in->type.shape[d]);
    dims.push_back(2 * d + 1);
  }
  Value b = ctx.b.broadcast_in_dim(in.value(), shape, dims);
  ctx.set_output(0, ctx.b.reshape(b, ctx.output_type(0).shape));
  return ok_status();
}

}  // namespace xlite::ops::tile
