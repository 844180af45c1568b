// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of EQUAL: a == b (bool) with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::equal {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_compare(ctx, shlo::Cmp::EQ);
}

}  // namespace xlite::ops::equal
