// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of LESS: a < b (bool) with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::less {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_compare(ctx, shlo::Cmp::LT);
}

}  // namespace xlite::ops::less
