// SPDX-License-Identifier: Apache-2.0
// LEAKY_RELU with the `alpha` option. float32, int8, uint8, symmetric int16
// (TFLite activations.cc LeakyReluPrepare / LeakyReluEval).
#include "ops/leaky_relu/leaky_relu_ref.h"

#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::leaky_relu {
namespace {

struct State : OpState {
  float alpha = 0;
  ref::LeakyReluParams q;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor* in = ctx.input(0);
  if (!in || ctx.num_outputs() < 1) return Status::error("needs one input and one output");
  RtTensor& out = ctx.output(0);
  out.dtype = in->dtype;
  out.shape = in->shape;
  State* s = ctx.make_state<State>();
  // The schema stores alpha as float32; the attribute holds it exactly.
  s->alpha = static_cast<float>(ctx.attrs().get_float("alpha", 0.0));
  switch (in->dtype) {
    case DType::kFloat32: return ok_status();
    case DType::kInt8:
    case DType::kUInt8: break;
    case DType::kInt16:
      if (in->zero_point() != 0 || out.zero_point() != 0)
        return Status::error("int16 input and output need zero points of 0");
      break;
    default: return check::unsupported_dtype(*in, "input");
  }
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(*in, "input"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  s->q.in_zero_point = in->zero_point();
  s->q.out_zero_point = out.zero_point();
  // LeakyReluPrepare multiplies and divides the float scales in float.
  const float alpha_real = in->scale() * s->alpha / out.scale();
  const float identity_real = in->scale() / out.scale();
  quant::quantize_multiplier(static_cast<double>(alpha_real), &s->q.alpha_multiplier, &s->q.alpha_shift);
  quant::quantize_multiplier(static_cast<double>(identity_real), &s->q.identity_multiplier, &s->q.identity_shift);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32: ref::leaky_relu_float(n, in.as<float>(), s.alpha, out.as<float>()); break;
    case DType::kInt8: ref::leaky_relu_quantized(n, in.as<int8_t>(), s.q, out.as<int8_t>()); break;
    case DType::kUInt8: ref::leaky_relu_quantized(n, in.as<uint8_t>(), s.q, out.as<uint8_t>()); break;
    case DType::kInt16: ref::leaky_relu_quantized(n, in.as<int16_t>(), s.q, out.as<int16_t>()); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::leaky_relu
