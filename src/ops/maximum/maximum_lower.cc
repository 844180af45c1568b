// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MAXIMUM: elementwise max with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::maximum {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.maximum");
}

}  // namespace xlite::ops::maximum
