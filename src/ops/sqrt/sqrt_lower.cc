// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SQRT: stablehlo.sqrt.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::sqrt {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_unary(ctx, "stablehlo.sqrt");
}

}  // namespace xlite::ops::sqrt
