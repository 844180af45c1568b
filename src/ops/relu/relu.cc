// SPDX-License-Identifier: Apache-2.0
// RELU: max(x, 0). float32, int8, uint8, symmetric int16 (TFLite
// activations.cc ReluPrepare / ReluEval). Also the shared implementation of
// RELU6 and RELU_N1_TO_1 (relu_x.h). Outside --reference-kernels int8/uint8
// look each output up in a table of the reference's outputs for every code
// (code_table.h, table_eval.h).
#include <array>
#include <cmath>
#include <limits>

#include "ops/common/checks.h"
#include "ops/common/code_table.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/common/table_eval.h"
#include "ops/common/unary.h"
#include "ops/kernel.h"
#include "ops/relu/relu_ref.h"
#include "ops/relu/relu_x.h"

namespace xlite::ops::relu {
namespace {

struct State : OpState {
  ref::ReluXParams q;
  // int8/uint8 outside --reference-kernels: the reference's output for
  // every code (code_table.h), applied by table_eval.h.
  bool use_table = false;
  std::array<uint8_t, 256> table{};
  const kernels::LutU8Kernel* lut = nullptr;
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
  if (!ctx.reference_only() && in->dtype != DType::kInt16) {
    const ref::ReluXParams& q = s->q;
    s->use_table = true;
    s->lut = table_eval::select(ctx);
    if (in->dtype == DType::kInt8)
      code_table::build_unary<int8_t>([&q](const int8_t* x, int64_t n, int8_t* y) { ref::relu_x_quantized(n, x, q, y); },
                                      &s->table);
    else
      code_table::build_unary<uint8_t>(
          [&q](const uint8_t* x, int64_t n, uint8_t* y) { ref::relu_x_quantized(n, x, q, y); }, &s->table);
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
      unary::parallel(ctx, n, [&](int64_t b, int64_t e) {
        const float* x = in.as<float>() + b;
        float* y = out.as<float>() + b;
        switch (kind) {
          case Kind::kRelu: ref::relu_float(e - b, x, y); break;
          case Kind::kRelu6: ref::relu6_float(e - b, x, y); break;
          case Kind::kReluN1To1: ref::relu_n1_to_1_float(e - b, x, y); break;
        }
      });
      break;
    case DType::kInt8:
      if (s.use_table)
        table_eval::apply(ctx, s.lut, s.table.data(), in.as<int8_t>(), out.as<int8_t>(), n);
      else
        ref::relu_x_quantized(n, in.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      if (s.use_table)
        table_eval::apply(ctx, s.lut, s.table.data(), in.as<uint8_t>(), out.as<uint8_t>(), n);
      else
        ref::relu_x_quantized(n, in.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    case DType::kInt16: ref::relu_x_quantized(n, in.as<int16_t>(), s.q, out.as<int16_t>()); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

Status prepare(KernelContext& ctx) { return prepare_x(ctx, Kind::kRelu); }
Status eval(KernelContext& ctx) { return eval_x(ctx, Kind::kRelu); }

}  // namespace xlite::ops::relu
