// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SUM: stablehlo.reduce with add over the axes.
#include <limits>

#include "emit/stablehlo/lower.h"

namespace xlite::ops::sum {

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_reduce(ctx, "stablehlo.add", 0.0, false);
}

}  // namespace xlite::ops::sum
