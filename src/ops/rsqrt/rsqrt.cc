// SPDX-License-Identifier: Apache-2.0
// RSQRT: float32 (1 / std::sqrt); int8 in fixed point (TFLite
// elementwise.cc GenericPrepare / SetRsqrtOutputMultiplier). An int8 input
// below its zero point (a negative value) is an error, as in TFLite.
#include <cmath>

#include "ops/common/quant.h"
#include "ops/common/unary.h"
#include "ops/rsqrt/rsqrt_ref.h"

namespace xlite::ops::rsqrt {
namespace {

struct State : OpState {
  int32_t multiplier = 0;
  int shift = 0;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  State* s = ctx.make_state<State>();
  if (in.dtype == DType::kFloat32) return ok_status();
  if (in.dtype != DType::kInt8) return check::unsupported_dtype(in, "input");
  XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
  // sqrt and the product in float, the reciprocal in double, as TFLite does.
  const float denominator = std::sqrt(in.scale()) * out.scale();
  quant::quantize_multiplier(1. / denominator, &s->multiplier, &s->shift);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int64_t n = in.num_elements();
  if (in.dtype == DType::kFloat32) {
    for (int64_t i = 0; i < n; ++i) out.as<float>()[i] = 1.f / std::sqrt(in.as<float>()[i]);
    return ok_status();
  }
  const State& s = *ctx.state<State>();
  const int32_t in_zp = in.zero_point();
  const int32_t out_zp = out.zero_point();
  const int8_t* x = in.as<int8_t>();
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] < in_zp) return Status::error("RSQRT is only defined for non-negative inputs");
    out.as<int8_t>()[i] = ref::rsqrt_int8(x[i], in_zp, out_zp, s.multiplier, s.shift);
  }
  return ok_status();
}

}  // namespace xlite::ops::rsqrt
