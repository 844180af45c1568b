// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SOFTMAX over the last dim:
// exp(beta * (x - max)) / sum(exp(beta * (x - max))).
#include <limits>

#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::softmax {

using shlo::Value;

// softmax_integer_lower.cc
Status lower_integer(shlo::LowerContext& ctx);

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_integer(ctx);
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  if (t.rank() < 1) return Status::error("input must have rank 1 or more");
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  const double beta = ctx.attrs().get_float("beta", 1.0);
  Value mx = b.reduce(in.value(), b.scalar(t.dtype, -std::numeric_limits<double>::infinity()),
                      std::span<const int64_t>(&last, 1), "stablehlo.maximum");
  Value shifted = b.sub(in.value(), b.broadcast_in_dim(mx, t.shape, keep));
  if (beta != 1.0) shifted = b.mul(shifted, b.splat(t.dtype, t.shape, beta));
  Value e = b.unary("stablehlo.exponential", shifted);
  Value sum = b.reduce(e, b.scalar(t.dtype, 0.0), std::span<const int64_t>(&last, 1), "stablehlo.add");
  ctx.set_output(0, b.div(e, b.broadcast_in_dim(sum, t.shape, keep)));
  return ok_status();
}

}  // namespace xlite::ops::softmax
