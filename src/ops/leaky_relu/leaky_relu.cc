// SPDX-License-Identifier: Apache-2.0
// LEAKY_RELU with the `alpha` option. float32, int8, uint8, symmetric int16
// (TFLite activations.cc LeakyReluPrepare / LeakyReluEval). Outside
// --reference-kernels int8/uint8 look each output up in a table of the
// reference's outputs for every code (code_table.h, table_eval.h).
#include "ops/leaky_relu/leaky_relu_ref.h"

#include <array>

#include "ops/common/checks.h"
#include "ops/common/code_table.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/kernel.h"

namespace xlite::ops::leaky_relu {
namespace {

struct State : OpState {
  float alpha = 0;
  ref::LeakyReluParams q;
  bool use_table = false;
  std::array<uint8_t, 256> table{};
  const kernels::LutU8Kernel* lut = nullptr;
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
  if (!ctx.reference_only() && in->dtype != DType::kInt16) {
    const ref::LeakyReluParams& q = s->q;
    s->use_table = true;
    s->lut = table_eval::select(ctx);
    if (in->dtype == DType::kInt8)
      code_table::build_unary<int8_t>(
          [&q](const int8_t* x, int64_t n, int8_t* y) { ref::leaky_relu_quantized(n, x, q, y); }, &s->table);
    else
      code_table::build_unary<uint8_t>(
          [&q](const uint8_t* x, int64_t n, uint8_t* y) { ref::leaky_relu_quantized(n, x, q, y); }, &s->table);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32:
      unary::parallel(ctx, n, [&](int64_t b, int64_t e) {
        ref::leaky_relu_float(e - b, in.as<float>() + b, s.alpha, out.as<float>() + b);
      });
      break;
    case DType::kInt8:
      if (s.use_table)
        table_eval::apply(ctx, s.lut, s.table.data(), in.as<int8_t>(), out.as<int8_t>(), n);
      else
        ref::leaky_relu_quantized(n, in.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      if (s.use_table)
        table_eval::apply(ctx, s.lut, s.table.data(), in.as<uint8_t>(), out.as<uint8_t>(), n);
      else
        ref::leaky_relu_quantized(n, in.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    case DType::kInt16: ref::leaky_relu_quantized(n, in.as<int16_t>(), s.q, out.as<int16_t>()); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::leaky_relu
