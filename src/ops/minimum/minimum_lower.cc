// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MINIMUM: elementwise min with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::minimum {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.minimum");
}

}  // namespace xlite::ops::minimum
