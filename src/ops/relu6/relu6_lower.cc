// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RELU6: stablehlo.clamp(0, x, 6).
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::relu6 {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  return shlo::lower_clamp(ctx, 0.0, 6.0);
}

}  // namespace xlite::ops::relu6
