// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of ADD: elementwise add with broadcasting and the fused activation.
#include "emit/stablehlo/lower.h"
#include "ops/common/conv_lower.h"

namespace xlite::ops::add {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (ctx.options().quant == shlo::QuantMode::kInteger && ctx.input_tensor(0).quant.is_quantized())
    return lower_add_sub_integer(ctx, false);
  return shlo::lower_binary(ctx, "stablehlo.add");
}

}  // namespace xlite::ops::add
