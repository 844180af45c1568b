// SPDX-License-Identifier: Apache-2.0
// The StableHLO lowerings, from src/ops/lowerings.def.
#pragma once

#include <vector>

#include "emit/stablehlo/lower.h"
#include "ir/graph.h"
#include "ir/op_kind.h"

namespace xlite {

// nullptr when the op has no StableHLO lowering yet.
shlo::LowerFn find_lowering(OpKind kind);
// The op's lowering: builtin ops by kind, CUSTOM ops by custom code
// (src/ops/custom/custom_lowerings.def); nullptr when there is none.
shlo::LowerFn find_lowering(const Op& op);
std::vector<OpKind> lowered_ops();
// Whether the op's lowering takes quantized tensors under --quant=integer
// (src/ops/integer_lowerings.def).
bool has_integer_lowering(OpKind kind);

}  // namespace xlite
