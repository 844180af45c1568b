// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of ARG_MAX: the first index holding the maximum (shlo::lower_arg).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::arg_max {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_arg(ctx, true);
}

}  // namespace xlite::ops::arg_max
