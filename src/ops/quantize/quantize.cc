// SPDX-License-Identifier: Apache-2.0
// QUANTIZE: float32 -> int8/uint8/int16 (per tensor, or per axis: one scale
// and zero point per index of the output's quantized dimension), and
// requantization int8/uint8 -> int8/uint8, int16 -> int8/int16/int32, int32
// -> int8/int16 (per tensor). The type pairs are the ones TFLite quantize.cc
// Prepare and Eval accept.
#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"
#include "ops/quantize/quantize_ref.h"

namespace xlite::ops::quantize {
namespace {

struct State : OpState {
  int32_t multiplier = 0;
  int shift = 0;
  // Per-axis output: the tensor as [outer, channels, inner].
  bool per_axis = false;
  int64_t outer = 1, inner = 1;
  int32_t channels = 1;
};

Status prepare_per_axis(const RtTensor& in, const RtTensor& out, State* s) {
  if (in.dtype != DType::kFloat32)
    return Status::error("a per-axis QUANTIZE output from " + std::string(dtype_name(in.dtype)) +
                         " is not supported yet");
  const int axis = out.quant->axis;
  if (axis < 0 || axis >= out.rank()) return Status::error("quantized dimension " + std::to_string(axis) +
                                                           " is out of range for shape " + shape_to_string(out.shape));
  if (static_cast<int64_t>(out.quant->scale.size()) != out.dim(axis) ||
      out.quant->zero_point.size() != out.quant->scale.size())
    return Status::error("output has " + std::to_string(out.quant->scale.size()) + " scales for dimension " +
                         std::to_string(axis) + " of size " + std::to_string(out.dim(axis)));
  s->per_axis = true;
  s->channels = out.dim(axis);
  s->outer = s->inner = 1;
  for (int d = 0; d < axis; ++d) s->outer *= out.dim(d);
  for (int d = axis + 1; d < out.rank(); ++d) s->inner *= out.dim(d);
  return ok_status();
}

bool is_one_of(DType t, std::initializer_list<DType> set) {
  for (DType d : set)
    if (t == d) return true;
  return false;
}

bool supported_pair(DType in, DType out) {
  using D = DType;
  switch (in) {
    case D::kFloat32: return is_one_of(out, {D::kInt8, D::kUInt8, D::kInt16});
    case D::kInt8:
    case D::kUInt8: return is_one_of(out, {D::kInt8, D::kUInt8});
    case D::kInt16: return is_one_of(out, {D::kInt8, D::kInt16, D::kInt32});
    case D::kInt32: return is_one_of(out, {D::kInt8, D::kInt16});
    default: return false;
  }
}

template <typename In>
void requantize_to(const RtTensor& in, RtTensor& out, const State& s) {
  const int64_t n = in.num_elements();
  const auto run = [&](auto* y) {
    ref::requantize(n, in.as<In>(), in.zero_point(), s.multiplier, s.shift, out.zero_point(), y);
  };
  switch (out.dtype) {
    case DType::kInt8: run(out.as<int8_t>()); break;
    case DType::kUInt8: run(out.as<uint8_t>()); break;
    case DType::kInt16: run(out.as<int16_t>()); break;
    default: run(out.as<int32_t>()); break;
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  out.shape = in.shape;
  if (!supported_pair(in.dtype, out.dtype))
    return Status::error("QUANTIZE from " + std::string(dtype_name(in.dtype)) + " to " +
                         std::string(dtype_name(out.dtype)) + " is not supported yet");
  State* s = ctx.make_state<State>();
  if (out.quant && out.quant->per_axis()) return prepare_per_axis(in, out, s);
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
  if (in.dtype == DType::kFloat32) return ok_status();
  XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
  if (in.dtype == DType::kInt16 && out.dtype == DType::kInt16 && (in.zero_point() != 0 || out.zero_point() != 0))
    return Status::error("int16 -> int16 needs zero points 0");
  quant::quantize_multiplier(static_cast<double>(in.scale()) / static_cast<double>(out.scale()), &s->multiplier,
                             &s->shift);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32: {
      if (s.per_axis) {
        const float* x = in.as<float>();
        const float* scales = out.quant->scale.data();
        const int64_t* zps = out.quant->zero_point.data();
        if (out.dtype == DType::kInt8)
          ref::affine_quantize_per_axis(s.outer, s.channels, s.inner, x, scales, zps, out.as<int8_t>());
        else if (out.dtype == DType::kUInt8)
          ref::affine_quantize_per_axis(s.outer, s.channels, s.inner, x, scales, zps, out.as<uint8_t>());
        else
          ref::affine_quantize_per_axis(s.outer, s.channels, s.inner, x, scales, zps, out.as<int16_t>());
        break;
      }
      const float scale = out.scale();
      const int32_t zp = out.zero_point();
      if (out.dtype == DType::kInt8) ref::affine_quantize(n, in.as<float>(), scale, zp, out.as<int8_t>());
      else if (out.dtype == DType::kUInt8) ref::affine_quantize(n, in.as<float>(), scale, zp, out.as<uint8_t>());
      else ref::affine_quantize(n, in.as<float>(), scale, zp, out.as<int16_t>());
      break;
    }
    case DType::kInt8: requantize_to<int8_t>(in, out, s); break;
    case DType::kUInt8: requantize_to<uint8_t>(in, out, s); break;
    case DType::kInt16: requantize_to<int16_t>(in, out, s); break;
    default: requantize_to<int32_t>(in, out, s); break;
  }
  return ok_status();
}

}  // namespace xlite::ops::quantize
