// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of L2_NORMALIZATION over the last dim: x / max(sqrt(sum x^2), 1e-6)
// (the epsilon of the TFLite reference).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::l2_normalization {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  Value sq = b.reduce(b.mul(in.value(), in.value()), b.scalar(t.dtype, 0.0), std::span<const int64_t>(&last, 1),
                      "stablehlo.add");
  Value norm = b.max(b.unary("stablehlo.sqrt", sq), b.splat(t.dtype, sq.type.shape, 1e-6));
  ctx.set_output(0, b.div(in.value(), b.broadcast_in_dim(norm, t.shape, keep)));
  return ok_status();
}

}  // namespace xlite::ops::l2_normalization
