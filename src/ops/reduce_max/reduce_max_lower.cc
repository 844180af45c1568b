// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of REDUCE_MAX: stablehlo.reduce with maximum from -inf.
#include <limits>

#include "emit/stablehlo/lower.h"

namespace xlite::ops::reduce_max {

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_reduce(ctx, "stablehlo.maximum", -std::numeric_limits<double>::infinity(), false);
}

}  // namespace xlite::ops::reduce_max
