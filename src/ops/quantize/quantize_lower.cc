// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of QUANTIZE (--quant=float): the real value passes through; the emitter
// rounds it to the output grid like every quantized output.
// --quant=integer: integer -> integer requantizes, a lookup in the table of
// the kernel's output for every input code; float -> integer is the
// kernel's arithmetic (ref::affine_quantize): x / scale in float, rounded
// half away from zero, converted as x86 does (out of range or NaN:
// INT32_MIN), plus the zero point, clamped to the output type; per tensor
// or per axis.
#include <cmath>

#include "emit/stablehlo/lower.h"
#include "ops/common/quant.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::quantize {

using shlo::Value;

namespace {

Status lower_from_float(shlo::LowerContext& ctx) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
  if (!st.ok()) return st.status();
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  if (in->type.dtype != DType::kFloat32) return Status::error("QUANTIZE's input must be float32");
  const Tensor& to = ctx.output_tensor(0);
  const shlo::TType out = ctx.output_type(0);
  const auto& shape = out.shape;
  std::vector<double> scales(to.quant.scale.begin(), to.quant.scale.end()), zps;
  for (size_t c = 0; c < scales.size(); ++c)
    zps.push_back(c < to.quant.zero_point.size() ? static_cast<double>(to.quant.zero_point[c]) : 0.0);
  shlo::Builder& b = ctx.b;
  const Value scale = per_element(b, scales, DType::kFloat32, shape, to.quant.axis);
  const Value zp = per_element(b, zps, DType::kInt64, shape, to.quant.axis);
  const Value r = b.unary("stablehlo.round_nearest_afz", b.div(in.value(), scale));
  const Value valid = b.binary("stablehlo.and", b.compare(r, b.splat(DType::kFloat32, shape, -2147483648.0), shlo::Cmp::GE),
                               b.compare(r, b.splat(DType::kFloat32, shape, 2147483648.0), shlo::Cmp::LT));
  const Value safe = b.clamp(b.scalar(DType::kFloat32, -2147483648.0), r, b.scalar(DType::kFloat32, 2147483520.0));
  Value q = b.select(valid, b.convert(safe, DType::kInt64), b.splat(DType::kInt64, shape, -2147483648.0));
  int32_t lo, hi;
  quant::dtype_range(out.dtype, &lo, &hi);
  q = b.clamp(b.scalar(DType::kInt64, lo), b.add(q, zp), b.scalar(DType::kInt64, hi));
  ctx.set_output(0, b.convert(q, out.dtype));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (ctx.options().quant == shlo::QuantMode::kInteger) {
    if (integer_quant(ctx)) return lower_unary_by_table(ctx);
    if (ctx.output_tensor(0).quant.is_quantized()) return lower_from_float(ctx);
  }
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (out.dtype != DType::kFloat32) return Status::error("quantized output needs --quant=float");
  ctx.set_output(0, ctx.b.convert(in.value(), out.dtype));
  return ok_status();
}

}  // namespace xlite::ops::quantize
