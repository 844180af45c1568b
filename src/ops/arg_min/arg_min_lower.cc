// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of ARG_MIN: the first index holding the minimum (shlo::lower_arg).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::arg_min {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_arg(ctx, false);
}

}  // namespace xlite::ops::arg_min
