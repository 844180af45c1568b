// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RELU_N1_TO_1: stablehlo.clamp(-1, x, 1).
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::relu_n1_to_1 {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_unary_by_table(ctx);
  return shlo::lower_clamp(ctx, -1.0, 1.0);
}

}  // namespace xlite::ops::relu_n1_to_1
