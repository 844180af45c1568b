// SPDX-License-Identifier: Apache-2.0
// SQUARED_DIFFERENCE: (a - b)^2 with NumPy broadcasting. float32, int32 and
// int8 (TFLite squared_difference.cc; no uint8 there).
#include "ops/squared_difference/squared_difference_ref.h"

#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::squared_difference {
namespace {

struct State : OpState {
  bcast::Map map;
  elementwise::AddSubParams q;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map));
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  const RtTensor& out = ctx.output(0);
  switch (a.dtype) {
    case DType::kFloat32:
    case DType::kInt32: return ok_status();
    case DType::kInt8: break;
    default: return check::unsupported_dtype(a, "input");
  }
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(a, "input 1"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(b, "input 2"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  elementwise::add_sub_params(a, b, out, 7, /*squared=*/true, &s->q);
  s->q.act_min = -128;
  s->q.act_max = 127;
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (a.dtype) {
    case DType::kFloat32:
      ref::squared_difference<float>(s.map, a.as<float>(), b.as<float>(), out.as<float>());
      break;
    case DType::kInt32:
      ref::squared_difference<int32_t>(s.map, a.as<int32_t>(), b.as<int32_t>(), out.as<int32_t>());
      break;
    case DType::kInt8:
      ref::squared_difference_int8(s.map, a.as<int8_t>(), b.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    default:
      return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::squared_difference
