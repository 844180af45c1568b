// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of EXPAND_DIMS: a reshape to the output's static shape.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::expand_dims {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_reshape(ctx);
}

}  // namespace xlite::ops::expand_dims
