// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DIV: elementwise divide with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::div {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.divide");
}

}  // namespace xlite::ops::div
