// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPLIT: equal slices along the axis (input 0 is the axis).
#include "ops/common/shape_lower.h"

namespace xlite::ops::split {

Status lower(shlo::LowerContext& ctx) { return lower_split(ctx, /*data_input=*/1, /*axis_input=*/0); }

}  // namespace xlite::ops::split
