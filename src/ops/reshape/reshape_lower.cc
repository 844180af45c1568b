// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RESHAPE: stablehlo.reshape to the output's static shape (the shape input,
// when present, agrees with it: the IR holds the result).
#include "emit/stablehlo/lower.h"

namespace xlite::ops::reshape {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_reshape(ctx);
}

}  // namespace xlite::ops::reshape
