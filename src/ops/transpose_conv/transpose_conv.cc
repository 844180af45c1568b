// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE_CONV: inputs output_shape (int32 [4], constant), filter
// [O,KH,KW,I], input [N,H,W,I], optional bias [O]. Padding is the one a
// forward convolution from the output shape back to the input shape would
// use. float32; int8 with per-channel int8 filter and int32 bias; int16
// activations (zero points 0) with per-channel int8 filter and an int64 bias,
// or an int32 bias with quantized_bias_type INT32, which also makes the
// accumulator and its requantization 32-bit (TFLite transpose_conv.cc
// EvalQuantizedPerChannel16x8, reference_integer_ops::TransposeConv<Scalar>).
// float32 runs as a GEMM and a scatter (transpose_conv_fast.h) unless the
// reference kernels are asked for.
#include "ops/transpose_conv/transpose_conv_ref.h"

#include "ops/common/bias.h"
#include "ops/common/checks.h"
#include "ops/common/conv_quant.h"
#include "ops/common/quant.h"
#include "ops/common/window.h"
#include "ops/kernel.h"
#include "ops/transpose_conv/transpose_conv_fast.h"

namespace xlite::ops::transpose_conv {
namespace {

struct State : OpState {
  ref::TransposeConvGeometry g;
  float fmin, fmax;
  ChannelQuant q;
  bool acc32 = true;  // int16: an int32 bias, accumulator and requantization
  bool fast = false;  // float32 on fast_path
  TransposeConvF32Fast fast_path;
};

// Sums in Acc, adds the bias, rescales per output channel with the
// requantization for Acc's width, adds the output zero point and clamps.
template <typename T, typename Acc>
void eval_quantized(const State& s, const RtTensor& in, const RtTensor& w, const RtTensor* bias, RtTensor& out) {
  const ref::TransposeConvGeometry& g = s.g;
  const int64_t n = out.num_elements();
  std::vector<Acc> acc(n);
  ref::transpose_conv_accumulate<T, int8_t, Acc>(g, in.as<T>(), -in.zero_point(), w.as<int8_t>(), acc.data());
  const Acc* b = bias ? bias->as<Acc>() : nullptr;
  T* y = out.as<T>();
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = static_cast<int32_t>(i % g.out_c);
    const Acc v = acc[i] + (b ? b[c] : Acc(0));
    const int32_t q = quant::multiply_by_quantized_multiplier(v, s.q.multiplier[c], s.q.shift[c]) + out.zero_point();
    y[i] = static_cast<T>(std::min(std::max(q, s.q.qmin), s.q.qmax));
  }
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& shape_t = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor& in = *ctx.input(2);
  const RtTensor* bias = ctx.input(3);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(in, 4, "input"));
  XLITE_RETURN_IF_ERROR(check::rank(w, 4, "filter"));
  if (shape_t.dtype != DType::kInt32 || shape_t.num_elements() != 4)
    return Status::error("output_shape must be 4 int32 values");
  if (!shape_t.constant) return Status::error("an output_shape computed at run time is not supported yet");
  const int32_t* os = shape_t.as<int32_t>();
  State* s = ctx.make_state<State>();
  ref::TransposeConvGeometry& g = s->g;
  g.batches = in.dim(0), g.in_h = in.dim(1), g.in_w = in.dim(2), g.in_c = in.dim(3);
  g.out_c = w.dim(0), g.filter_h = w.dim(1), g.filter_w = w.dim(2);
  if (w.dim(3) != g.in_c)
    return Status::error("filter input channels " + std::to_string(w.dim(3)) + " != input channels " +
                         std::to_string(g.in_c));
  if (os[0] != g.batches || os[3] != g.out_c || os[1] < 0 || os[2] < 0)
    return Status::error("output_shape " + shape_to_string(std::vector<int32_t>(os, os + 4)) +
                         " does not fit the input and filter");
  g.out_h = os[1], g.out_w = os[2];
  const Attrs& a = ctx.attrs();
  g.stride_h = static_cast<int32_t>(a.get_int("stride_h", 1));
  g.stride_w = static_cast<int32_t>(a.get_int("stride_w", 1));
  if (g.stride_h <= 0 || g.stride_w <= 0) return Status::error("strides must be positive");
  const int padding = static_cast<int>(a.get_int("padding", 0));
  g.pad_h = window::pad_before(g.out_h, g.filter_h, g.stride_h, 1,
                               window::out_size(padding, g.out_h, g.filter_h, g.stride_h, 1));
  g.pad_w = window::pad_before(g.out_w, g.filter_w, g.stride_w, 1,
                               window::out_size(padding, g.out_w, g.filter_w, g.stride_w, 1));
  if (bias && bias->num_elements() != g.out_c)
    return Status::error("bias has " + std::to_string(bias->num_elements()) + " elements, expected " +
                         std::to_string(g.out_c));
  out.shape = {os[0], os[1], os[2], os[3]};
  out.dtype = in.dtype;
  const int act = static_cast<int>(a.get_int("fused_activation_function", 0));
  switch (in.dtype) {
    case DType::kFloat32:
      XLITE_RETURN_IF_ERROR(check::dtype(w, DType::kFloat32, "filter"));
      if (bias) XLITE_RETURN_IF_ERROR(check::dtype(*bias, DType::kFloat32, "bias"));
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      if (!ctx.reference_only()) {
        s->fast = true;
        s->fast_path.prepare(ctx, {g.batches, g.in_h, g.in_w, g.in_c, g.out_h, g.out_w, g.out_c, g.filter_h,
                                   g.filter_w, g.stride_h, g.stride_w, g.pad_h, g.pad_w},
                             w);
      }
      return ok_status();
    case DType::kInt8:
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(check_conv_operands(in, w, bias, out, g.out_c));
      if (in.dtype == DType::kInt16)
        XLITE_RETURN_IF_ERROR(int16x8_bias_type(a.get_int("quantized_bias_type", 0), bias, &s->acc32));
      channel_quant(in, w, out, g.out_c, act, ScaleProduct::kDouble, &s->q);
      return ok_status();
    default:
      return check::unsupported_dtype(in, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& w = *ctx.input(1);
  const RtTensor& in = *ctx.input(2);
  const RtTensor* bias = ctx.input(3);
  RtTensor& out = ctx.output(0);
  State& s = *ctx.state<State>();
  const ref::TransposeConvGeometry& g = s.g;
  const int64_t n = out.num_elements();
  switch (in.dtype) {
    case DType::kFloat32: {
      float* y = out.as<float>();
      if (s.fast) {
        s.fast_path.eval(ctx, in, w, bias ? bias->as<float>() : nullptr, s.fmin, s.fmax, y);
        break;
      }
      ref::transpose_conv_accumulate<float, float, float>(g, in.as<float>(), 0.0f, w.as<float>(), y);
      for (int64_t i = 0; i < n; ++i) {
        const float v = y[i] + (bias ? bias->as<float>()[i % g.out_c] : 0.0f);
        y[i] = std::min(std::max(v, s.fmin), s.fmax);
      }
      break;
    }
    case DType::kInt8:
      eval_quantized<int8_t, int32_t>(s, in, w, bias, out);
      break;
    case DType::kInt16:
      if (s.acc32) eval_quantized<int16_t, int32_t>(s, in, w, bias, out);
      else eval_quantized<int16_t, int64_t>(s, in, w, bias, out);
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::transpose_conv
