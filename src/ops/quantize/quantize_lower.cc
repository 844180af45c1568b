// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of QUANTIZE (--quant=float): the real value passes through; the emitter
// rounds it to the output grid like every quantized output.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::quantize {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (out.dtype != DType::kFloat32) return Status::error("quantized output needs --quant=float");
  ctx.set_output(0, ctx.b.convert(in.value(), out.dtype));
  return ok_status();
}

}  // namespace xlite::ops::quantize
