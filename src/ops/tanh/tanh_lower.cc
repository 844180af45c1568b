// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TANH: stablehlo.tanh.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::tanh {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  return shlo::lower_unary(ctx, "stablehlo.tanh");
}

}  // namespace xlite::ops::tanh
