// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of ADD: elementwise add with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::add {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_binary(ctx, "stablehlo.add");
}

}  // namespace xlite::ops::add
