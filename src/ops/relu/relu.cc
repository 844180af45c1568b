// SPDX-License-Identifier: Apache-2.0
// RELU: max(x, 0). float32, int8, uint8, symmetric int16 (TFLite
// activations.cc ReluPrepare / ReluEval). Also the shared implementation of
// RELU6 and RELU_N1_TO_1 (relu_x.h).
#include <cmath>
#include <limits>

#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"
#include "ops/relu/relu_ref.h"
#include "ops/relu/relu_x.h"

namespace xlite::ops::relu {
namespace {

struct State : OpState {
  ref::ReluXParams q;
};

// QuantizedReluX: bounds are zp + roundf(bound / scale) in float; the lower
// one is raised to the type's minimum and the upper one (when finite)
// lowered to its maximum.
void quantized_bounds(float lo, float hi, const RtTensor& out, ref::ReluXParams* p) {
  int32_t tmin, tmax;
  quant::dtype_range(out.dtype, &tmin, &tmax);
  const float scale = out.scale();
  p->act_min = std::max(tmin, out.zero_point() + static_cast<int32_t>(std::round(lo / scale)));
  p->act_max = hi == std::numeric_limits<float>::infinity()
                   ? tmax
                   : std::min(tmax, out.zero_point() + static_cast<int32_t>(std::round(hi / scale)));
}

}  // namespace

Status prepare_x(KernelContext& ctx, Kind kind) {
  const RtTensor* in = ctx.input(0);
  if (!in || ctx.num_outputs() < 1) return Status::error("needs one input and one output");
  RtTensor& out = ctx.output(0);
  out.dtype = in->dtype;
  out.shape = in->shape;
  State* s = ctx.make_state<State>();
  switch (in->dtype) {
    case DType::kFloat32: return ok_status();
    case DType::kInt8:
    case DType::kUInt8: break;
    case DType::kInt16:
      // TFLite has no int16 RELU_N1_TO_1, and int16 RELU/RELU6 are symmetric.
      if (kind == Kind::kReluN1To1) return check::unsupported_dtype(*in, "input");
      if (in->zero_point() != 0 || out.zero_point() != 0)
        return Status::error("int16 input and output need zero points of 0");
      break;
    default: return check::unsupported_dtype(*in, "input");
  }
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(*in, "input"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  s->q.in_zero_point = in->zero_point();
  s->q.out_zero_point = out.zero_point();
  // ReluPrepare divides the scales in float.
  const float real = in->scale() / out.scale();
  quant::quantize_multiplier(static_cast<double>(real), &s->q.multiplier, &s->q.shift);
  switch (kind) {
    case Kind::kRelu: quantized_bounds(0.0f, std::numeric_limits<float>::infinity(), out, &s->q); break;
    case Kind::kRelu6: quantized_bounds(0.0f, 6.0f, out, &s->q); break;
    case Kind::kReluN1To1: quantized_bounds(-1.0f, 1.0f, out, &s->q); break;
  }
  return ok_status();
}

Status eval_x(KernelContext& ctx, Kind kind) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32:
      switch (kind) {
        case Kind::kRelu: ref::relu_float(n, in.as<float>(), out.as<float>()); break;
        case Kind::kRelu6: ref::relu6_float(n, in.as<float>(), out.as<float>()); break;
        case Kind::kReluN1To1: ref::relu_n1_to_1_float(n, in.as<float>(), out.as<float>()); break;
      }
      break;
    case DType::kInt8: ref::relu_x_quantized(n, in.as<int8_t>(), s.q, out.as<int8_t>()); break;
    case DType::kUInt8: ref::relu_x_quantized(n, in.as<uint8_t>(), s.q, out.as<uint8_t>()); break;
    case DType::kInt16: ref::relu_x_quantized(n, in.as<int16_t>(), s.q, out.as<int16_t>()); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

Status prepare(KernelContext& ctx) { return prepare_x(ctx, Kind::kRelu); }
Status eval(KernelContext& ctx) { return eval_x(ctx, Kind::kRelu); }

}  // namespace xlite::ops::relu
