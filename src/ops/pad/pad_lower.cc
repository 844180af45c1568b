// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of PAD: stablehlo.pad with the constant [rank, 2] paddings and zero.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::pad {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  Result<std::vector<int64_t>> p = ctx.const_ints(1);
  if (!p.ok()) return p.status();
  const int rank = in->type.rank();
  if (static_cast<int>(p->size()) != 2 * rank) return Status::error("paddings must be [rank, 2]");
  std::vector<int64_t> lo, hi;
  for (int d = 0; d < rank; ++d) {
    lo.push_back((*p)[2 * d]);
    hi.push_back((*p)[2 * d + 1]);
  }
  // --quant=integer: the padding is a real 0, the output's zero point.
  double value = 0.0;
  if (integer_quant(ctx) && !ctx.output_tensor(0).quant.zero_point.empty())
    value = static_cast<double>(ctx.output_tensor(0).quant.zero_point[0]);
  ctx.set_output(0, ctx.b.pad(in.value(), ctx.b.scalar(in->type.dtype, value), lo, hi));
  return ok_status();
}

}  // namespace xlite::ops::pad
