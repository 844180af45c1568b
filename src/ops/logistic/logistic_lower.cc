// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of LOGISTIC: stablehlo.logistic, 1 / (1 + exp(-x)).
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::logistic {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  return shlo::lower_unary(ctx, "stablehlo.logistic");
}

}  // namespace xlite::ops::logistic
