// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DENSIFY: the sparse constant is densified now, by
// the reference kernel, and becomes a dense constant.
#include "ops/common/index_trace.h"

namespace xlite::ops::densify {

Status lower(shlo::LowerContext& ctx) { return lower_by_constant_eval(ctx); }

}  // namespace xlite::ops::densify
