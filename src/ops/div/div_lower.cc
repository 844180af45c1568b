// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DIV: elementwise divide with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::div {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  // A zero divisor (the divisor's zero-point code), which the kernel
  // refuses at run time, gives the output's zero point here.
  if (integer_quant(ctx)) {
    const auto& zp = ctx.input_tensor(1).quant.zero_point;
    return lower_binary_by_table(ctx, static_cast<int32_t>(zp.empty() ? 0 : zp[0]));
  }
  return shlo::lower_binary(ctx, "stablehlo.divide");
}

}  // namespace xlite::ops::div
