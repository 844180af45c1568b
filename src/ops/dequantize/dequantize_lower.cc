// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DEQUANTIZE: float16 -> float32 is a convert; an int8 input is already
// its real value with --quant=float.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::dequantize {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.dtype != DType::kFloat16 && in->type.dtype != DType::kFloat32)
    return Status::error("a quantized input needs --quant=float");
  ctx.set_output(0, ctx.b.convert(in.value(), out.dtype));
  return ok_status();
}

}  // namespace xlite::ops::dequantize
