// SPDX-License-Identifier: Apache-2.0
// DIV: a / b with NumPy broadcasting and a fused activation.
// float32, int32, int8, uint8 (TFLite div.cc). Integer and quantized
// divisors equal to zero (or to the zero point) are an error at eval, as in
// TFLite's CheckNonZero. int16 (which TFLite divides in float when no
// broadcasting is needed) is not implemented.
#include "ops/div/div_ref.h"

#include "ops/common/checks.h"
#include "ops/common/binary_f32.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::div {
namespace {

struct State : OpState {
  bcast::Map map;
  float fmin = 0, fmax = 0;
  elementwise::BinaryF32 fast;  // float32 outside --reference-kernels
  int32_t imin = 0, imax = 0;
  ref::DivParams q;
};

template <typename T>
Status check_nonzero(const RtTensor& t, int32_t zero) {
  const T* d = t.as<T>();
  for (int64_t i = 0, n = t.num_elements(); i < n; ++i)
    if (static_cast<int32_t>(d[i]) == zero) return Status::error("DIV by zero: divisor element " + std::to_string(i));
  return ok_status();
}

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map));
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  const RtTensor& out = ctx.output(0);
  const int act = elementwise::fused_activation(ctx);
  switch (a.dtype) {
    case DType::kFloat32:
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      s->fast.init(ctx, kernels::BinaryF32Op::kDiv, s->fmin, s->fmax);
      return ok_status();
    case DType::kInt32: elementwise::activation_range_int(act, &s->imin, &s->imax); return ok_status();
    case DType::kInt8:
    case DType::kUInt8: break;
    default: return check::unsupported_dtype(a, "input");
  }
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(a, "input 1"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(b, "input 2"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  s->q.in1_offset = -a.zero_point();
  s->q.in2_offset = -b.zero_point();
  s->q.out_offset = out.zero_point();
  // div.cc: s1 / (s2 * so), evaluated in float.
  const float real = a.scale() / (b.scale() * out.scale());
  quant::quantize_multiplier(static_cast<double>(real), &s->q.multiplier, &s->q.shift);
  int32_t lo, hi;
  quant::dtype_range(out.dtype, &lo, &hi);
  quant::activation_range_quantized(act, out.scale(), out.zero_point(), lo, hi, &s->q.act_min, &s->q.act_max);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (a.dtype) {
    case DType::kFloat32:
      if (s.fast.kernel) {
        s.fast.run(ctx, s.map, a.as<float>(), b.as<float>(), out.as<float>());
        break;
      }
      ref::div<float>(s.map, a.as<float>(), b.as<float>(), s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt32:
      XLITE_RETURN_IF_ERROR(check_nonzero<int32_t>(b, 0));
      ref::div<int32_t>(s.map, a.as<int32_t>(), b.as<int32_t>(), s.imin, s.imax, out.as<int32_t>());
      break;
    case DType::kInt8:
      XLITE_RETURN_IF_ERROR(check_nonzero<int8_t>(b, b.zero_point()));
      ref::div_quantized<int8_t>(s.map, a.as<int8_t>(), b.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      XLITE_RETURN_IF_ERROR(check_nonzero<uint8_t>(b, b.zero_point()));
      ref::div_quantized<uint8_t>(s.map, a.as<uint8_t>(), b.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    default:
      return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::div
