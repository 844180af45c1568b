// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of REDUCE_MAX: stablehlo.reduce with maximum from -inf.
#include <limits>

#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::reduce_max {

Status lower(shlo::LowerContext& ctx) {
  // --quant=integer: input and output share their quantization (the
  // kernel checks), so the maximum of the codes, from the lowest code.
  if (integer_quant(ctx)) {
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    return shlo::lower_reduce(ctx, "stablehlo.maximum", lowest_code(ctx.input_tensor(0).dtype), false);
  }
  return shlo::lower_reduce(ctx, "stablehlo.maximum", -std::numeric_limits<double>::infinity(), false);
}

}  // namespace xlite::ops::reduce_max
