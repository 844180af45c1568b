// SPDX-License-Identifier: Apache-2.0
// ARG_MAX (and ARG_MIN, which forwards here): the index of the largest
// (smallest) value along `axis` (input 1: one constant int32/int64 value,
// negative counts from the back), which the output drops. The output is
// int32 or int64 as the output tensor says (output_type). Quantized inputs
// compare their stored values, which order like the real ones.
#include "ops/arg_max/arg_max_ref.h"

#include "ops/common/checks.h"
#include "ops/common/layout.h"
#include "ops/kernel.h"

namespace xlite::ops::arg_max {
namespace {

struct State : OpState {
  int64_t outer = 1, axis_size = 0, inner = 1;
};

template <typename T>
void run(const State& s, const RtTensor& in, RtTensor& out, bool is_max) {
  if (out.dtype == DType::kInt32)
    ref::arg_min_max(in.as<T>(), s.outer, s.axis_size, s.inner, is_max, out.as<int32_t>());
  else
    ref::arg_min_max(in.as<T>(), s.outer, s.axis_size, s.inner, is_max, out.as<int64_t>());
}

}  // namespace

Status prepare_arg(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  switch (in.dtype) {
    case DType::kFloat32: case DType::kInt8: case DType::kUInt8: case DType::kInt16:
    case DType::kInt32: case DType::kInt64: case DType::kBool:
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  if (out.dtype != DType::kInt32 && out.dtype != DType::kInt64) return check::unsupported_dtype(out, "output");
  std::vector<int64_t> axis_v;
  XLITE_RETURN_IF_ERROR(layout::const_ints(ctx.input(1), "axis", &axis_v));
  if (axis_v.size() != 1) return Status::error("axis must hold one value");
  int axis;
  XLITE_RETURN_IF_ERROR(layout::normalize_axis(axis_v[0], in.rank(), "axis", &axis));
  if (in.shape[axis] == 0) return Status::error("cannot take the arg max/min of an empty dimension");
  State* s = ctx.make_state<State>();
  s->outer = layout::product(in.shape, 0, axis);
  s->axis_size = in.shape[axis];
  s->inner = layout::product(in.shape, axis + 1, in.rank());
  out.shape = in.shape;
  out.shape.erase(out.shape.begin() + axis);
  return ok_status();
}

Status eval_arg(KernelContext& ctx, bool is_max) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (in.dtype) {
    case DType::kFloat32: run<float>(s, in, out, is_max); break;
    case DType::kInt8: run<int8_t>(s, in, out, is_max); break;
    case DType::kUInt8: run<uint8_t>(s, in, out, is_max); break;
    case DType::kInt16: run<int16_t>(s, in, out, is_max); break;
    case DType::kInt32: run<int32_t>(s, in, out, is_max); break;
    case DType::kInt64: run<int64_t>(s, in, out, is_max); break;
    case DType::kBool: run<bool>(s, in, out, is_max); break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

Status prepare(KernelContext& ctx) { return prepare_arg(ctx); }
Status eval(KernelContext& ctx) { return eval_arg(ctx, true); }

}  // namespace xlite::ops::arg_max
