// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of BATCH_MATMUL: both operands broadcast to the
// output's batch dims, then dot_general with those as batch dims,
// contracting lhs K (dim -1, or -2 with adj_x) with rhs K (dim -2, or -1
// with adj_y); the result is [batch..., M, N].
#include "emit/stablehlo/lower.h"

namespace xlite::ops::batch_matmul {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> lhs = ctx.input(0), rhs = ctx.input(1);
  if (!lhs.ok()) return lhs.status();
  if (!rhs.ok()) return rhs.status();
  const shlo::TType out = ctx.output_type(0);
  if (lhs->type.rank() < 2 || rhs->type.rank() < 2 || out.rank() < 2)
    return Status::error("operands and output must have rank 2 or more");
  const int64_t nb = out.rank() - 2;
  std::vector<int64_t> batch(out.shape.begin(), out.shape.begin() + nb), bdims;
  for (int64_t d = 0; d < nb; ++d) bdims.push_back(d);
  auto expand = [&](const Value& v) {
    std::vector<int64_t> shape = batch;
    shape.push_back(v.type.shape[v.type.rank() - 2]);
    shape.push_back(v.type.shape[v.type.rank() - 1]);
    return ctx.b.broadcast_to(v, shape);
  };
  Value l = expand(lhs.value()), r = expand(ctx.b.convert(rhs.value(), lhs->type.dtype));
  const int64_t lc[] = {ctx.attrs().get_bool("adj_x") ? nb : nb + 1};
  const int64_t rc[] = {ctx.attrs().get_bool("adj_y") ? nb + 1 : nb};
  ctx.set_output(0, ctx.b.dot_general(l, r, bdims, bdims, lc, rc, out));
  return ok_status();
}

}  // namespace xlite::ops::batch_matmul
