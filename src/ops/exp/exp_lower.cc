// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of EXP: stablehlo.exponential.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::exp {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_unary(ctx, "stablehlo.exponential");
}

}  // namespace xlite::ops::exp
