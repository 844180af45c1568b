// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of STRIDED_SLICE: a gather traced from the reference kernel
// (ops/common/index_trace.h), which holds the mask semantics.
#include "ops/common/index_trace.h"

namespace xlite::ops::strided_slice {

Status lower(shlo::LowerContext& ctx) { return lower_by_index_trace(ctx); }

}  // namespace xlite::ops::strided_slice
