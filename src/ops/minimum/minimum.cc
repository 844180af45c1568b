// SPDX-License-Identifier: Apache-2.0
// MINIMUM: elementwise min with NumPy broadcasting. float32, int8, uint8,
// int16, int32, int64. Quantized operands are meant to share one
// quantization; TFLite compares stored values without checking that, and so
// does xlite, to give the same answer on models that break the rule.
#include "ops/minimum/minimum_ref.h"

#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/kernel.h"

namespace xlite::ops::minimum {
namespace {

struct State : OpState {
  bcast::Map map;
};

template <typename T>
void run(const State& s, const RtTensor& a, const RtTensor& b, RtTensor& out) {
  ref::minimum<T>(s.map, a.as<T>(), b.as<T>(), out.as<T>());
}

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map));
  const RtTensor& a = *ctx.input(0);
  switch (a.dtype) {
    case DType::kFloat32:
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
    case DType::kInt32:
    case DType::kInt64: return ok_status();
    default: return check::unsupported_dtype(a, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& a = *ctx.input(0);
  const RtTensor& b = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (a.dtype) {
    case DType::kFloat32: run<float>(s, a, b, out); break;
    case DType::kInt8: run<int8_t>(s, a, b, out); break;
    case DType::kUInt8: run<uint8_t>(s, a, b, out); break;
    case DType::kInt16: run<int16_t>(s, a, b, out); break;
    case DType::kInt32: run<int32_t>(s, a, b, out); break;
    case DType::kInt64: run<int64_t>(s, a, b, out); break;
    default: return check::unsupported_dtype(a, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::minimum
