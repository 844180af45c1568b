// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of GREATER: a > b (bool) with broadcasting.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::greater {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_compare(ctx, shlo::Cmp::GT);
}

}  // namespace xlite::ops::greater
