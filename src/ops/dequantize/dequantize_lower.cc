// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DEQUANTIZE: float16 -> float32 is a convert; an int8 input is already
// its real value with --quant=float.
// --quant=integer: (q - zero_point) * scale in double, rounded once to
// float32, per tensor or per axis (ref::dequantize). The double product of
// a code and a float scale is exact, so no fusion can change the result.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::dequantize {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (integer_quant(ctx)) {
    const Tensor& ti = ctx.input_tensor(0);
    if (out.dtype != DType::kFloat32) return Status::error("DEQUANTIZE's output must be float32");
    std::vector<double> scales(ti.quant.scale.begin(), ti.quant.scale.end()), zps;
    for (size_t c = 0; c < scales.size(); ++c)
      zps.push_back(c < ti.quant.zero_point.size() ? static_cast<double>(ti.quant.zero_point[c]) : 0.0);
    shlo::Builder& b = ctx.b;
    const Value scale = per_element(b, scales, DType::kFloat64, out.shape, ti.quant.axis);
    const Value zp = per_element(b, zps, DType::kFloat64, out.shape, ti.quant.axis);
    const Value q = b.sub(b.convert(in.value(), DType::kFloat64), zp);
    ctx.set_output(0, b.convert(b.mul(scale, q), DType::kFloat32));
    return ok_status();
  }
  if (in->type.dtype != DType::kFloat16 && in->type.dtype != DType::kFloat32)
    return Status::error("a quantized input needs --quant=float");
  ctx.set_output(0, ctx.b.convert(in.value(), out.dtype));
  return ok_status();
}

}  // namespace xlite::ops::dequantize
