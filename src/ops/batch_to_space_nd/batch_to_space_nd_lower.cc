// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of BATCH_TO_SPACE_ND: a gather traced from the reference kernel
// (ops/common/index_trace.h).
#include "ops/common/index_trace.h"

namespace xlite::ops::batch_to_space_nd {

Status lower(shlo::LowerContext& ctx) { return lower_by_index_trace(ctx); }

}  // namespace xlite::ops::batch_to_space_nd
