// SPDX-License-Identifier: Apache-2.0
// Lowering a data-movement op (one whose every output element is a copy of
// one input element, or a zero) by tracing its own reference kernel: the
// kernel runs at export time on an int32 tensor holding 1 + each element's
// flat index, so each output element says where it came from (0: a padding
// zero). The StableHLO is then one gather from the flattened input with a
// zero in front. The kernel stays the one statement of the op's semantics
// (masks, crops, rounding of coordinates), so the export cannot drift
// from it.
#pragma once

#include "emit/stablehlo/lower.h"

namespace xlite::ops {

// Lowers output 0 of ctx's op from input 0 as above. The other inputs must
// be constants. `pad_value`: what a traced 0 becomes (the op's padding).
Status lower_by_index_trace(shlo::LowerContext& ctx, double pad_value = 0.0);

// Lowers an op whose inputs are all constants (e.g. DENSIFY of sparse
// weights) by running its reference kernel now: the outputs become
// constants.
Status lower_by_constant_eval(shlo::LowerContext& ctx);

}  // namespace xlite::ops
