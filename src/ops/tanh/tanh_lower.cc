// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TANH: stablehlo.tanh.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::tanh {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_unary(ctx, "stablehlo.tanh");
}

}  // namespace xlite::ops::tanh
