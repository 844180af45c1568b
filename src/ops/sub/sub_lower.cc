// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SUB: elementwise subtract with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::sub {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.subtract");
}

}  // namespace xlite::ops::sub
