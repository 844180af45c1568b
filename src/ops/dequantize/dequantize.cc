// SPDX-License-Identifier: Apache-2.0
// DEQUANTIZE to float32 from int8/uint8/int16 (per tensor or per axis) and
// from float16 (how converters store fp16 weights).
#include <vector>

#include "ops/common/checks.h"
#include "ops/dequantize/dequantize_ref.h"
#include "ops/kernel.h"

namespace xlite::ops::dequantize {
namespace {

struct State : OpState {
  int64_t channels = 1;
  int64_t inner = 1;
  std::vector<int64_t> zero_point;  // one per scale
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  out.shape = in.shape;
  if (out.dtype != DType::kFloat32) return check::dtype(out, DType::kFloat32, "output");
  State* s = ctx.make_state<State>();
  switch (in.dtype) {
    case DType::kFloat16:
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  const Quantization* q = in.quant;
  if (!q || q->scale.empty() || !q->details.empty()) return Status::error("input needs affine quantization");
  const size_t scales = q->scale.size();
  if (q->zero_point.size() != scales && q->zero_point.size() > 1)
    return Status::error("input has " + std::to_string(scales) + " scales but " +
                         std::to_string(q->zero_point.size()) + " zero points");
  s->zero_point.assign(scales, q->zero_point.empty() ? 0 : q->zero_point[0]);
  if (q->zero_point.size() == scales) s->zero_point = q->zero_point;
  if (scales > 1) {
    const int axis = q->axis < 0 ? q->axis + in.rank() : q->axis;
    if (axis < 0 || axis >= in.rank() || in.dim(axis) != static_cast<int32_t>(scales))
      return Status::error("input's " + std::to_string(scales) + " scales do not match its axis " +
                           std::to_string(q->axis) + " of shape " + shape_to_string(in.shape));
    s->channels = static_cast<int64_t>(scales);
    for (int d = axis + 1; d < in.rank(); ++d) s->inner *= in.dim(d);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  float* y = out.as<float>();
  switch (in.dtype) {
    case DType::kFloat16:
      for (int64_t i = 0; i < n; ++i) y[i] = ref::half_to_float(in.as<uint16_t>()[i]);
      break;
    case DType::kInt8:
      ref::dequantize(n, in.as<int8_t>(), s.channels, s.inner, in.quant->scale.data(), s.zero_point.data(), y);
      break;
    case DType::kUInt8:
      ref::dequantize(n, in.as<uint8_t>(), s.channels, s.inner, in.quant->scale.data(), s.zero_point.data(), y);
      break;
    default:
      ref::dequantize(n, in.as<int16_t>(), s.channels, s.inner, in.quant->scale.data(), s.zero_point.data(), y);
      break;
  }
  return ok_status();
}

}  // namespace xlite::ops::dequantize
