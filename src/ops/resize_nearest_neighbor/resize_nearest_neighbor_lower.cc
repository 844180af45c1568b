// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of RESIZE_NEAREST_NEIGHBOR: a gather traced from the reference
// kernel (ops/common/index_trace.h), which holds the coordinate rounding.
#include "ops/common/index_trace.h"

namespace xlite::ops::resize_nearest_neighbor {

Status lower(shlo::LowerContext& ctx) { return lower_by_index_trace(ctx); }

}  // namespace xlite::ops::resize_nearest_neighbor
