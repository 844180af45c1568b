// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of NOT_EQUAL: a != b (bool) with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::not_equal {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_compare(ctx, shlo::Cmp::NE);
}

}  // namespace xlite::ops::not_equal
