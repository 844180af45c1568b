// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPLIT_V: slices of the output sizes along the axis (input 2).
#include "ops/common/shape_lower.h"

namespace xlite::ops::split_v {

Status lower(shlo::LowerContext& ctx) { return lower_split(ctx, /*data_input=*/0, /*axis_input=*/2); }

}  // namespace xlite::ops::split_v
