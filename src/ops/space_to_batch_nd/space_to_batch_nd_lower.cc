// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPACE_TO_BATCH_ND: a gather traced from the reference kernel
// (ops/common/index_trace.h); padded positions are zeros.
#include "ops/common/index_trace.h"

namespace xlite::ops::space_to_batch_nd {

Status lower(shlo::LowerContext& ctx) { return lower_by_index_trace(ctx); }

}  // namespace xlite::ops::space_to_batch_nd
