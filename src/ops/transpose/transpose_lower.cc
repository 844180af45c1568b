// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TRANSPOSE: stablehlo.transpose with the constant permutation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::transpose {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> perm = ctx.const_ints(1);
  if (!perm.ok()) return perm.status();
  if (static_cast<int>(perm->size()) != in->type.rank()) return Status::error("the permutation must have rank entries");
  for (int64_t& p : perm.value()) {
    Result<int64_t> d = shlo::normalize_axis(p, in->type.rank());
    if (!d.ok()) return d.status();
    p = d.value();
  }
  ctx.set_output(0, ctx.b.transpose(in.value(), perm.value()));
  return ok_status();
}

}  // namespace xlite::ops::transpose
