// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MEAN: a sum over the axes divided by their element count.
#include <limits>

#include "emit/stablehlo/lower.h"

namespace xlite::ops::mean {

Status lower(shlo::LowerContext& ctx) {
  return shlo::lower_reduce(ctx, "stablehlo.add", 0.0, true);
}

}  // namespace xlite::ops::mean
