// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MIRROR_PAD: a gather traced from the reference kernel
// (ops/common/index_trace.h).
#include "ops/common/index_trace.h"

namespace xlite::ops::mirror_pad {

Status lower(shlo::LowerContext& ctx) { return lower_by_index_trace(ctx); }

}  // namespace xlite::ops::mirror_pad
