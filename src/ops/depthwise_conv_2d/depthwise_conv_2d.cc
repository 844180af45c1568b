// SPDX-License-Identifier: Apache-2.0
// DEPTHWISE_CONV_2D: input [N,H,W,C], filter [1,KH,KW,C*M], optional bias
// [C*M]. The depth multiplier M comes from the shapes (the option is
// ignored by TFLite since 2.0). float32; int8 with per-channel int8 weights
// (quantized along dimension 3); legacy uint8; int16 activations with int8
// weights and an int64 bias (an int32 one is refused, as LiteRT does).
// float32 with M = 1 and int8 with any M run channel-vectorised kernels
// (src/kernels) on weights packed here, int8 bit-exact with the reference
// (exact int32 sums, then its requantization); the rest runs the reference
// kernel.
#include "ops/depthwise_conv_2d/depthwise_conv_2d_ref.h"

#include "kernels/buffer.h"
#include "kernels/kernels.h"
#include "ops/common/bias.h"
#include "ops/common/checks.h"
#include "ops/common/conv_quant.h"
#include "ops/common/epilogue.h"
#include "ops/common/quant.h"
#include "ops/common/requant_i8.h"
#include "ops/common/window.h"
#include "ops/kernel.h"

namespace xlite::ops::depthwise_conv_2d {
namespace {

struct State : OpState {
  ref::ConvGeometry g;
  float fmin, fmax;
  EpilogueF32 epi;  // float32: the fused epilogue (passes/fuse_epilogue.cc)
  ChannelQuant q;
  // float32 with depth multiplier 1; dw == nullptr runs the reference.
  const kernels::DwConvF32Kernel* dw = nullptr;
  kernels::AlignedFloats packed;
  bool pack_in_eval = false;  // weights or bias computed at run time
  // int8; dw_i8 == nullptr runs the reference.
  const kernels::DwConvI8Kernel* dw_i8 = nullptr;
  kernels::ConvF32Shape shape;
  kernels::AlignedArray<int16_t> packed_i8;
  int64_t scratch_bytes = 0;  // per thread, a multiple of 64, in the shared scratch
  ops::ConvRequantI8 requant;
};

kernels::ConvF32Shape conv_shape(const ref::ConvGeometry& g) {
  return {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
}

void pack_filter_i8(State& s, const RtTensor& w, const RtTensor* bias) {
  kernels::pack_dwconv_i8(*s.dw_i8, w.as<int8_t>(), bias ? bias->as<int32_t>() : nullptr, s.g.out_c,
                          static_cast<int64_t>(s.g.filter_h) * s.g.filter_w, s.packed_i8.data());
}

void prepare_fast_int8(KernelContext& ctx, State& s, const RtTensor& w, const RtTensor* bias, const RtTensor& out) {
  s.requant.init(s.q.multiplier, s.q.shift, out.zero_point(), s.q.qmin, s.q.qmax);
  s.dw_i8 = kernels::select<kernels::DwConvI8Kernel>().kernel;
  s.shape = conv_shape(s.g);
  s.packed_i8.resize(static_cast<size_t>(
      kernels::dwconv_i8_packed_elems(s.g.out_c, static_cast<int64_t>(s.g.filter_h) * s.g.filter_w, *s.dw_i8)));
  s.scratch_bytes = (s.dw_i8->scratch_bytes(s.shape) + 63) / 64 * 64;
  ctx.reserve_scratch(s.scratch_bytes * ctx.num_threads());
  s.pack_in_eval = !w.constant || (bias && !bias->constant);
  if (!s.pack_in_eval) pack_filter_i8(s, w, bias);
}

void eval_fast_int8(KernelContext& ctx, State& s, const RtTensor& in, const RtTensor& w, const RtTensor* bias,
                    RtTensor& out) {
  if (s.pack_in_eval) pack_filter_i8(s, w, bias);
  kernels::DwConvI8Args args;
  args.s = s.shape;
  args.input = in.as<int8_t>();
  args.input_zero_point = in.zero_point();
  args.packed = s.packed_i8.data();
  args.output = out.as<int8_t>();
  args.requant = s.requant.callback();
  char* const scratch = static_cast<char*>(ctx.scratch(s.scratch_bytes * ctx.num_threads()));
  ctx.parallel_for(static_cast<int64_t>(s.g.batches) * s.g.out_h, [&](int64_t begin, int64_t end, int part) {
    kernels::DwConvI8Args a = args;
    a.scratch = scratch + part * s.scratch_bytes;
    s.dw_i8->run(a, begin, end);
  });
}

void pack_filter(State& s, const RtTensor& w, const RtTensor* bias) {
  kernels::pack_dwconv_f32(w.as<float>(), bias ? bias->as<float>() : nullptr, s.g.out_c,
                           static_cast<int64_t>(s.g.filter_h) * s.g.filter_w, s.packed.data());
}

void prepare_fast_float(State& s, const RtTensor& w, const RtTensor* bias) {
  s.dw = kernels::select<kernels::DwConvF32Kernel>().kernel;
  s.packed.resize(static_cast<size_t>(
      kernels::dwconv_f32_packed_floats(s.g.out_c, static_cast<int64_t>(s.g.filter_h) * s.g.filter_w)));
  s.pack_in_eval = !w.constant || (bias && !bias->constant);
  if (!s.pack_in_eval) pack_filter(s, w, bias);
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(in, 4, "input"));
  XLITE_RETURN_IF_ERROR(check::rank(w, 4, "filter"));
  if (w.dim(0) != 1) return Status::error("filter must have shape [1, KH, KW, C*M], has " + shape_to_string(w.shape));
  const Attrs& a = ctx.attrs();
  State* s = ctx.make_state<State>();
  ref::ConvGeometry& g = s->g;
  g.batches = in.dim(0), g.in_h = in.dim(1), g.in_w = in.dim(2), g.in_c = in.dim(3);
  g.filter_h = w.dim(1), g.filter_w = w.dim(2), g.out_c = w.dim(3), g.filter_c = 1;
  if (g.in_c <= 0 || g.out_c % g.in_c != 0)
    return Status::error("filter channels " + std::to_string(g.out_c) + " are not a multiple of input channels " +
                         std::to_string(g.in_c));
  XLITE_RETURN_IF_ERROR(window::conv_window(a, &g));
  if (bias && bias->num_elements() != g.out_c)
    return Status::error("bias has " + std::to_string(bias->num_elements()) + " elements, expected " +
                         std::to_string(g.out_c));
  out.shape = {g.batches, g.out_h, g.out_w, g.out_c};
  out.dtype = in.dtype;
  const int act = static_cast<int>(a.get_int("fused_activation_function", 0));
  Epilogue epi;
  XLITE_RETURN_IF_ERROR(epilogue_of(a, &epi));
  if (epi != Epilogue::kNone && in.dtype != DType::kFloat32) return Status::error("xlite_epilogue needs float32");
  if (epi == Epilogue::kAdd) return Status::error("xlite_epilogue \"ADD\" is for CONV_2D only");
  if (ctx.input(3)) return Status::error("a fourth input is for CONV_2D's ADD epilogue only");
  // A fifth input only as the PRELU epilogue's alpha.
  int64_t prelu_channels = 0;
  XLITE_RETURN_IF_ERROR(check_prelu_alpha(a, ctx.input(4), out.shape, &prelu_channels));
  if (prelu_channels > 0 && in.dtype != DType::kFloat32) return Status::error("xlite_epilogue_prelu needs float32");
  s->epi.init(epi, ctx.reference_only(), 0, prelu_channels);
  switch (in.dtype) {
    case DType::kFloat32:
      XLITE_RETURN_IF_ERROR(check::dtype(w, DType::kFloat32, "filter"));
      if (bias) XLITE_RETURN_IF_ERROR(check::dtype(*bias, DType::kFloat32, "bias"));
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      if (g.out_c == g.in_c && !ctx.reference_only()) {
        prepare_fast_float(*s, w, bias);
        if (!s->pack_in_eval) ctx.note_packed(static_cast<int64_t>(s->packed.size() * sizeof(float)), {&w, bias});
      }
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(check_conv_operands(in, w, bias, out, g.out_c));
      if (in.dtype == DType::kInt16) XLITE_RETURN_IF_ERROR(int16x8_bias_must_be_int64(bias));
      channel_quant(in, w, out, g.out_c, act, in.dtype == DType::kUInt8 ? ScaleProduct::kFloat : ScaleProduct::kDouble,
                    &s->q);
      if (in.dtype == DType::kInt8 && !ctx.reference_only()) {
        prepare_fast_int8(ctx, *s, w, bias, out);
        if (!s->pack_in_eval) ctx.note_packed(static_cast<int64_t>(s->packed_i8.size() * sizeof(int16_t)), {&w, bias});
      }
      return ok_status();
    default:
      return check::unsupported_dtype(in, "input");
  }
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  RtTensor& out = ctx.output(0);
  State& s = *ctx.state<State>();
  switch (in.dtype) {
    case DType::kFloat32:
      if (s.dw) {
        if (s.pack_in_eval) pack_filter(s, w, bias);
        const ref::ConvGeometry& g = s.g;
        kernels::DwConvF32Args args;
        args.s = {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
                  g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
        args.input = in.as<float>();
        args.packed = s.packed.data();
        args.output = out.as<float>();
        args.min = s.fmin;
        args.max = s.fmax;
        s.epi.bind(args.output, nullptr, ctx.input(4) ? ctx.input(4)->as<float>() : nullptr);
        if (!s.epi.active()) {
          ctx.parallel_for(static_cast<int64_t>(g.batches) * g.out_h,
                           [&](int64_t begin, int64_t end, int) { s.dw->run(args, begin, end); });
          break;
        }
        // With an epilogue: a few output rows at a time (about 64 KB), each
        // finished while it is in cache.
        const int64_t row = static_cast<int64_t>(g.out_w) * g.out_c;
        const int64_t step = std::max<int64_t>(1, 16384 / std::max<int64_t>(row, 1));
        ctx.parallel_for(static_cast<int64_t>(g.batches) * g.out_h, [&](int64_t begin, int64_t end, int) {
          for (int64_t r0 = begin; r0 < end; r0 += step) {
            const int64_t r1 = std::min(r0 + step, end);
            s.dw->run(args, r0, r1);
            s.epi.apply(args.output + r0 * row, 1, (r1 - r0) * row, 0);
          }
        });
        break;
      }
      ref::depthwise_conv_2d_float(s.g, in.as<float>(), w.as<float>(), bias ? bias->as<float>() : nullptr, s.fmin,
                                   s.fmax, out.as<float>());
      s.epi.bind(out.as<float>(), nullptr, ctx.input(4) ? ctx.input(4)->as<float>() : nullptr);
      s.epi.apply(out.as<float>(), 1, out.num_elements(), 0);
      break;
    case DType::kInt8:
      if (s.dw_i8) {
        eval_fast_int8(ctx, s, in, w, bias, out);
        break;
      }
      ref::depthwise_conv_2d_quantized<int8_t, int8_t>(
          s.g, in.as<int8_t>(), -in.zero_point(), w.as<int8_t>(), 0, bias ? bias->as<int32_t>() : nullptr,
          s.q.multiplier.data(), s.q.shift.data(), out.zero_point(), s.q.qmin, s.q.qmax, out.as<int8_t>(),
          &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kUInt8:
      ref::depthwise_conv_2d_quantized<uint8_t, uint8_t>(
          s.g, in.as<uint8_t>(), -in.zero_point(), w.as<uint8_t>(), -w.zero_point(),
          bias ? bias->as<int32_t>() : nullptr, s.q.multiplier.data(), s.q.shift.data(), out.zero_point(), s.q.qmin,
          s.q.qmax, out.as<uint8_t>(), &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kInt16:
      ref::depthwise_conv_2d_int16x8(s.g, in.as<int16_t>(), w.as<int8_t>(), bias ? bias->as<int64_t>() : nullptr,
                                     s.q.multiplier.data(), s.q.shift.data(), s.q.qmin, s.q.qmax, out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::depthwise_conv_2d
