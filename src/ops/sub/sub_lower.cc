// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SUB: elementwise subtract with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"
#include "ops/common/conv_lower.h"

namespace xlite::ops::sub {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (ctx.options().quant == shlo::QuantMode::kInteger && ctx.input_tensor(0).quant.is_quantized())
    return lower_add_sub_integer(ctx, true);
  return shlo::lower_binary(ctx, "stablehlo.subtract");
}

}  // namespace xlite::ops::sub
