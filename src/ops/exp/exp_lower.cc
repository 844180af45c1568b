// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of EXP: stablehlo.exponential.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::exp {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  return shlo::lower_unary(ctx, "stablehlo.exponential");
}

}  // namespace xlite::ops::exp
