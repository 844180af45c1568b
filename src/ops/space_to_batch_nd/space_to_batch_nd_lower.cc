// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SPACE_TO_BATCH_ND: a gather traced from the reference kernel
// (ops/common/index_trace.h); padded positions are zeros.
#include "ops/common/index_trace.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::space_to_batch_nd {

// --quant=integer: the padding is a real 0, the output's zero point.
Status lower(shlo::LowerContext& ctx) {
  double pad = 0.0;
  if (integer_quant(ctx) && !ctx.output_tensor(0).quant.zero_point.empty())
    pad = static_cast<double>(ctx.output_tensor(0).quant.zero_point[0]);
  return lower_by_index_trace(ctx, pad);
}

}  // namespace xlite::ops::space_to_batch_nd
