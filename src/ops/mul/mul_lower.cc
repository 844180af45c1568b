// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MUL: elementwise multiply with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::mul {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.multiply");
}

}  // namespace xlite::ops::mul
