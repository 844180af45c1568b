// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of CAST: stablehlo.convert (float to integer truncates toward zero, as
// the static_cast of TFLite does).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::cast {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (out.dtype == DType::kBool) {
    ctx.set_output(0, ctx.b.compare(in.value(), ctx.b.splat(in->type.dtype, in->type.shape, 0.0), shlo::Cmp::NE));
    return ok_status();
  }
  ctx.set_output(0, ctx.b.convert(in.value(), out.dtype));
  return ok_status();
}

}  // namespace xlite::ops::cast
