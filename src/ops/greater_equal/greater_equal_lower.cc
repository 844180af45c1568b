// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of GREATER_EQUAL: a >= b (bool) with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::greater_equal {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_compare(ctx, shlo::Cmp::GE);
}

}  // namespace xlite::ops::greater_equal
