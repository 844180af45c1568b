// SPDX-License-Identifier: Apache-2.0
// FULLY_CONNECTED: input [..., depth] (flattened to [batches, depth]),
// weights [units, depth], optional bias [units]. keep_num_dims keeps the
// input's leading dims in the output. float32; int8 with per-tensor or
// per-channel int8 weights; legacy uint8.
#include "ops/fully_connected/fully_connected_ref.h"

#include "ops/common/bias.h"
#include "ops/common/checks.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::fully_connected {
namespace {

struct State : OpState {
  int32_t batches, depth, units;
  float fmin, fmax;
  int32_t qmin, qmax;
  std::vector<int32_t> multiplier;
  std::vector<int> shift;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(w, 2, "weights"));
  const Attrs& a = ctx.attrs();
  if (a.get_int("weights_format", 0) != 0) return Status::error("shuffled weights are not supported");
  State* s = ctx.make_state<State>();
  s->units = w.dim(0);
  s->depth = w.dim(1);
  const int64_t n = in.num_elements();
  if (s->depth <= 0 || n % s->depth != 0)
    return Status::error("input of shape " + shape_to_string(in.shape) + " does not divide into rows of " +
                         std::to_string(s->depth));
  s->batches = static_cast<int32_t>(n / s->depth);
  if (bias && bias->num_elements() != s->units)
    return Status::error("bias has " + std::to_string(bias->num_elements()) + " elements, expected " +
                         std::to_string(s->units));
  if (a.get_bool("keep_num_dims") && in.rank() >= 1) {
    out.shape = in.shape;
    out.shape.back() = s->units;
  } else {
    out.shape = {s->batches, s->units};
  }
  out.dtype = in.dtype;
  const int act = static_cast<int>(a.get_int("fused_activation_function", 0));
  switch (in.dtype) {
    case DType::kFloat32:
      XLITE_RETURN_IF_ERROR(check::dtype(w, DType::kFloat32, "weights"));
      if (bias) XLITE_RETURN_IF_ERROR(check::dtype(*bias, DType::kFloat32, "bias"));
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16: {
      const bool x16 = in.dtype == DType::kInt16;
      XLITE_RETURN_IF_ERROR(check::dtype(w, x16 ? DType::kInt8 : in.dtype, "weights"));
      // 16x8 bias is int64, or int32 with quantized_bias_type (v11).
      if (bias && !(bias->dtype == DType::kInt32 || (x16 && bias->dtype == DType::kInt64)))
        return check::unsupported_dtype(*bias, "bias");
      if (x16 && (in.zero_point() != 0 || out.zero_point() != 0))
        return Status::error("int16 activations need zero points of 0");
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(in, "input"));
      XLITE_RETURN_IF_ERROR(check::per_tensor_quant(out, "output"));
      const auto& ws = w.quant->scale;
      if (ws.empty() || (ws.size() != 1 && static_cast<int32_t>(ws.size()) != s->units))
        return Status::error("weights need 1 or " + std::to_string(s->units) + " scales");
      s->multiplier.resize(s->units);
      s->shift.resize(s->units);
      for (int32_t u = 0; u < s->units; ++u) {
        // Per-tensor: the float product of the scales, as
        // GetQuantizedConvolutionMultipler computes it; per-channel: double.
        const double real = ws.size() == 1
                                ? static_cast<double>(in.scale() * ws[0]) / static_cast<double>(out.scale())
                                : static_cast<double>(in.scale()) * static_cast<double>(ws[u]) / out.scale();
        quant::quantize_multiplier(real, &s->multiplier[u], &s->shift[u]);
      }
      int32_t lo, hi;
      quant::dtype_range(in.dtype, &lo, &hi);
      quant::activation_range_quantized(act, out.scale(), out.zero_point(), lo, hi, &s->qmin, &s->qmax);
      return ok_status();
    }
    default:
      return check::unsupported_dtype(in, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (in.dtype) {
    case DType::kFloat32:
      ref::fully_connected_float(s.batches, s.depth, s.units, in.as<float>(), w.as<float>(),
                                 bias ? bias->as<float>() : nullptr, s.fmin, s.fmax, out.as<float>());
      break;
    case DType::kInt8:
      ref::fully_connected_quantized<int8_t, int8_t>(
          s.batches, s.depth, s.units, in.as<int8_t>(), -in.zero_point(), w.as<int8_t>(), -w.zero_point(),
          bias ? bias->as<int32_t>() : nullptr, s.multiplier.data(), s.shift.data(), out.zero_point(), s.qmin, s.qmax,
          out.as<int8_t>(), &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kUInt8:
      ref::fully_connected_quantized<uint8_t, uint8_t>(
          s.batches, s.depth, s.units, in.as<uint8_t>(), -in.zero_point(), w.as<uint8_t>(), -w.zero_point(),
          bias ? bias->as<int32_t>() : nullptr, s.multiplier.data(), s.shift.data(), out.zero_point(), s.qmin, s.qmax,
          out.as<uint8_t>(), &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kInt16: {
      std::vector<int64_t> wide;
      const int64_t* b64 = bias_as_int64(bias, wide);
      ref::fully_connected_int16x8(s.batches, s.depth, s.units, in.as<int16_t>(), w.as<int8_t>(), b64,
                                   s.multiplier.data(), s.shift.data(), s.qmin, s.qmax, out.as<int16_t>());
      break;
    }
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::fully_connected
