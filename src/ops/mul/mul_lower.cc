// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MUL: elementwise multiply with broadcasting and the fused activation.
// --quant=integer (int8, uint8, symmetric int16): the product of the offset
// inputs as one int32, rescaled by s1 * s2 / so (the float product widened
// to double, as mul.cc's prepare computes it) with
// MultiplyByQuantizedMultiplier, plus the output zero point, clamped to the
// activation range (ref::mul_quantized_one).
#include "emit/stablehlo/lower.h"
#include "ops/common/quant.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::mul {

using shlo::Value;

namespace {

Status lower_integer(shlo::LowerContext& ctx) {
  const Tensor& ta = ctx.input_tensor(0);
  const Tensor& tb = ctx.input_tensor(1);
  const Tensor& to = ctx.output_tensor(0);
  // The kernel's own checks (per-tensor quantization, int16 zero points).
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
  if (!st.ok()) return st.status();
  for (const Tensor* t : {&ta, &tb, &to}) {
    if (t->dtype != DType::kInt8 && t->dtype != DType::kUInt8 && t->dtype != DType::kInt16)
      return Status::error("--quant=integer lowers int8, uint8 and int16 MUL (have " + std::string(dtype_name(t->dtype)) +
                           ")");
    if (t->quant.scale.size() != 1) return Status::error("tensor '" + t->name + "' needs one scale");
  }
  const RtTensor ra = rt_tensor(ta), rb = rt_tensor(tb), ro = rt_tensor(to);
  const float real = ra.scale() * rb.scale() / ro.scale();
  int32_t multiplier;
  int shift;
  quant::quantize_multiplier(static_cast<double>(real), &multiplier, &shift);
  int32_t lo, hi, act_min, act_max;
  quant::dtype_range(to.dtype, &lo, &hi);
  quant::activation_range_quantized(static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)), ro.scale(),
                                    ro.zero_point(), lo, hi, &act_min, &act_max);
  Result<Value> a = ctx.input(0), b = ctx.input(1);
  if (!a.ok()) return a.status();
  if (!b.ok()) return b.status();
  shlo::Builder& B = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const Value x = shlo::to_i32_offset(B, B.broadcast_to(a.value(), out.shape), ra.zero_point());
  const Value y = shlo::to_i32_offset(B, B.broadcast_to(b.value(), out.shape), rb.zero_point());
  ctx.set_output(0, shlo::requantize(B, B.mul(x, y), {multiplier}, {shift}, ro.zero_point(), act_min, act_max,
                                     out.dtype));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_integer(ctx);
  return shlo::lower_binary(ctx, "stablehlo.multiply");
}

}  // namespace xlite::ops::mul
