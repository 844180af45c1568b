// SPDX-License-Identifier: Apache-2.0
// CONV_2D: attributes, shape inference, quantization parameters, dispatch
// to the kernels. Inputs: input [N,H,W,C], filter [O,KH,KW,C/groups],
// optional bias [O]. Supported: float32; int8 activations with int8
// per-channel weights and int32 bias; legacy uint8 per-tensor; int16
// activations with int8 weights and an int64 or int32 bias (bias.h).
// float32 and int8 with groups == 1 run as a GEMM (src/kernels) on weights
// packed here (int8 bit-exact with the reference: exact int32 sums, then the
// reference's requantization); everything else runs the reference kernel.
#include "ops/conv_2d/conv_2d_ref.h"

#include "kernels/buffer.h"
#include "kernels/conv2d_f32.h"
#include "kernels/kernels.h"
#include "kernels/winograd_f32.h"
#include "ops/common/bias.h"
#include "ops/common/checks.h"
#include "ops/common/conv_quant.h"
#include "ops/common/epilogue.h"
#include "ops/common/parallel_gemm.h"
#include "ops/common/quant.h"
#include "ops/common/requant_i8.h"
#include "ops/common/window.h"
#include "ops/kernel.h"

namespace xlite::ops::conv_2d {
namespace {

struct State : OpState {
  ref::ConvGeometry g;
  float fmin, fmax;
  EpilogueF32 epi;  // float32: the fused epilogue (passes/fuse_epilogue.cc)
  ChannelQuant q;
  bool int32_bias = false;  // int16: int32 bias, accumulator and requantization
  // float32 fast path; gemm == nullptr runs the reference. With wino set,
  // a 3x3 stride-1 convolution runs as Winograd F(4x4, 3x3) on the GEMM.
  const kernels::GemmF32Kernel* gemm = nullptr;
  const kernels::WinogradF32Kernel* wino = nullptr;
  kernels::ConvF32Shape shape;
  kernels::AlignedFloats packed;
  int64_t scratch_floats = 0;  // per thread, in the executor's shared scratch
  bool pack_in_eval = false;  // weights or bias computed at run time
  // int8 fast path; gemm_i8 == nullptr runs the reference.
  const kernels::GemmI8Kernel* gemm_i8 = nullptr;
  int32_t input_zp = 0;  // packed into the weights by some GEMM formats
  kernels::AlignedArray<int8_t> packed_i8;
  int64_t scratch_bytes = 0;  // per thread, a multiple of 64, in the shared scratch
  ops::ConvRequantI8 requant;
};

kernels::ConvF32Shape conv_shape(const ref::ConvGeometry& g) {
  return {g.batches,  g.in_h,     g.in_w,     g.in_c,       g.out_h,      g.out_w, g.out_c, g.filter_h,
          g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w, g.pad_h, g.pad_w};
}

void pack_filter(State& s, const RtTensor& w, const RtTensor* bias) {
  if (s.wino) {
    kernels::pack_winograd_f32(w.as<float>(), bias ? bias->as<float>() : nullptr, s.g.out_c, s.g.filter_c,
                               s.gemm->nr, s.packed.data());
    return;
  }
  const int64_t k = static_cast<int64_t>(s.g.filter_h) * s.g.filter_w * s.g.filter_c;
  if (s.g.out_c == 1) {
    // One output channel: row dot products (GemmF32Args::dot).
    kernels::pack_gemm_f32_dot(w.as<float>(), bias ? bias->as<float>() : nullptr, k, s.packed.data());
    return;
  }
  kernels::pack_gemm_f32(w.as<float>(), k, bias ? bias->as<float>() : nullptr, s.g.out_c, k, s.gemm->nr,
                         s.packed.data());
}

// groups == 1: the filter is the GEMM's W [O, KH*KW*C]. Packed once here
// when it is constant, else into the same buffer before every eval.
void prepare_fast_float(KernelContext& ctx, State& s, const RtTensor& w, const RtTensor* bias) {
  s.gemm = kernels::select<kernels::GemmF32Kernel>().kernel;
  s.shape = conv_shape(s.g);
  const int64_t k = static_cast<int64_t>(s.g.filter_h) * s.g.filter_w * s.g.filter_c;
  if (kernels::winograd_f32_suitable(s.shape)) {
    s.wino = kernels::select<kernels::WinogradF32Kernel>().kernel;
    s.packed.resize(static_cast<size_t>(kernels::winograd_f32_packed_floats(s.g.out_c, s.g.in_c, s.gemm->nr)));
    s.scratch_floats = (kernels::winograd_f32_scratch_floats(s.shape, *s.gemm) + 15) / 16 * 16;
  } else {
    s.packed.resize(static_cast<size_t>(kernels::gemm_f32_packed_floats(s.g.out_c, k, s.gemm->nr)));
    // One scratch block per thread (16 floats: 64-byte aligned).
    s.scratch_floats = (kernels::conv2d_f32_scratch_floats(s.shape, *s.gemm) + 15) / 16 * 16;
  }
  ctx.reserve_scratch(s.scratch_floats * 4 * ctx.num_threads());
  s.pack_in_eval = !w.constant || (bias && !bias->constant);
  if (!s.pack_in_eval) pack_filter(s, w, bias);
}

void pack_filter_i8(State& s, const RtTensor& w, const RtTensor* bias) {
  const int64_t k = static_cast<int64_t>(s.g.filter_h) * s.g.filter_w * s.g.filter_c;
  kernels::pack_gemm_i8(*s.gemm_i8, w.as<int8_t>(), k, bias ? bias->as<int32_t>() : nullptr, s.g.out_c, k,
                        s.input_zp, s.packed_i8.data());
}

// int8, groups == 1 (filter zero point 0, as the reference assumes).
void prepare_fast_int8(KernelContext& ctx, State& s, const RtTensor& in, const RtTensor& w, const RtTensor* bias,
                       const RtTensor& out) {
  s.requant.init(s.q.multiplier, s.q.shift, out.zero_point(), s.q.qmin, s.q.qmax);
  s.gemm_i8 = kernels::select<kernels::GemmI8Kernel>().kernel;
  s.input_zp = in.zero_point();
  s.shape = conv_shape(s.g);
  const int64_t k = static_cast<int64_t>(s.g.filter_h) * s.g.filter_w * s.g.filter_c;
  s.packed_i8.resize(static_cast<size_t>(kernels::gemm_i8_packed_bytes(s.g.out_c, k, *s.gemm_i8)));
  s.scratch_bytes = (kernels::conv2d_i8_scratch_bytes(s.shape, *s.gemm_i8) + 63) / 64 * 64;
  ctx.reserve_scratch(s.scratch_bytes * ctx.num_threads());
  s.pack_in_eval = !w.constant || (bias && !bias->constant);
  if (!s.pack_in_eval) pack_filter_i8(s, w, bias);
}

void eval_fast_int8(KernelContext& ctx, State& s, const RtTensor& in, const RtTensor& w, const RtTensor* bias,
                    RtTensor& out) {
  if (s.pack_in_eval) pack_filter_i8(s, w, bias);
  kernels::Conv2dI8Args args;
  args.s = s.shape;
  args.input = in.as<int8_t>();
  args.input_zero_point = in.zero_point();
  args.packed = s.packed_i8.data();
  args.output = out.as<int8_t>();
  args.requant = s.requant.callback();
  char* const scratch = static_cast<char*>(ctx.scratch(s.scratch_bytes * ctx.num_threads()));
  ops::parallel_gemm(ctx, static_cast<int64_t>(s.g.batches) * s.g.out_h * s.g.out_w, s.g.out_c, s.gemm_i8->nr, 64,
                     [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, int part) {
                       kernels::Conv2dI8Args a = args;
                       a.scratch = scratch + part * s.scratch_bytes;
                       kernels::conv2d_i8(*s.gemm_i8, a, r0, r1, c0, c1);
                     });
}

// Tiles (or, for a small map, channels) split across threads, each with
// its own scratch; a thread takes at least a few GEMM row tiles of tiles.
void eval_winograd(KernelContext& ctx, const State& s, const kernels::Conv2dF32Args& conv, float* scratch) {
  kernels::WinogradF32Args args;
  args.s = s.shape;
  args.input = conv.input;
  args.packed = conv.packed;
  args.output = conv.output;
  args.min = conv.min;
  args.max = conv.max;
  args.post = conv.post;
  ops::parallel_gemm(ctx, kernels::winograd_f32_tiles(s.shape), s.g.out_c, s.gemm->nr, 4 * s.gemm->mr,
                     [&](int64_t t0, int64_t t1, int64_t c0, int64_t c1, int part) {
                       kernels::WinogradF32Args a = args;
                       a.scratch = scratch + part * s.scratch_floats;
                       kernels::winograd_f32(*s.gemm, *s.wino, a, t0, t1, c0, c1);
                     });
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& w = *ctx.input(1);
  const RtTensor* bias = ctx.input(2);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(check::rank(in, 4, "input"));
  XLITE_RETURN_IF_ERROR(check::rank(w, 4, "filter"));
  const Attrs& a = ctx.attrs();
  State* s = ctx.make_state<State>();
  ref::ConvGeometry& g = s->g;
  g.batches = in.dim(0), g.in_h = in.dim(1), g.in_w = in.dim(2), g.in_c = in.dim(3);
  g.out_c = w.dim(0), g.filter_h = w.dim(1), g.filter_w = w.dim(2), g.filter_c = w.dim(3);
  XLITE_RETURN_IF_ERROR(window::conv_window(a, &g));
  if (g.filter_c <= 0 || g.in_c % g.filter_c != 0)
    return Status::error("input channels " + std::to_string(g.in_c) + " are not a multiple of filter channels " +
                         std::to_string(g.filter_c));
  const int32_t groups = g.in_c / g.filter_c;
  if (g.out_c % groups != 0)
    return Status::error("output channels " + std::to_string(g.out_c) + " do not divide into " +
                         std::to_string(groups) + " groups");
  if (bias && bias->num_elements() != g.out_c)
    return Status::error("bias has " + std::to_string(bias->num_elements()) + " elements, expected " +
                         std::to_string(g.out_c));
  out.shape = {g.batches, g.out_h, g.out_w, g.out_c};
  out.dtype = in.dtype;
  const int act = static_cast<int>(a.get_int("fused_activation_function", 0));
  Epilogue epi;
  XLITE_RETURN_IF_ERROR(epilogue_of(a, &epi));
  if (epi != Epilogue::kNone && in.dtype != DType::kFloat32) return Status::error("xlite_epilogue needs float32");
  // A fourth input only as the ADD epilogue's addend (passes/fuse_epilogue.cc).
  int64_t addend_channels = 0;
  XLITE_RETURN_IF_ERROR(check_addend(epi, ctx.input(3), out.shape, &addend_channels));
  // A fifth only as the PRELU epilogue's alpha.
  int64_t prelu_channels = 0;
  XLITE_RETURN_IF_ERROR(check_prelu_alpha(a, ctx.input(4), out.shape, &prelu_channels));
  if (prelu_channels > 0 && in.dtype != DType::kFloat32) return Status::error("xlite_epilogue_prelu needs float32");
  s->epi.init(epi, ctx.reference_only(), static_cast<int>(a.get_int("xlite_epilogue_activation", 0)),
              prelu_channels);
  s->epi.set_addend_channels(addend_channels, g.out_c);

  switch (in.dtype) {
    case DType::kFloat32:
      XLITE_RETURN_IF_ERROR(check::dtype(w, DType::kFloat32, "filter"));
      if (bias) XLITE_RETURN_IF_ERROR(check::dtype(*bias, DType::kFloat32, "bias"));
      quant::activation_range_float(act, &s->fmin, &s->fmax);
      if (groups == 1 && !ctx.reference_only()) {
        prepare_fast_float(ctx, *s, w, bias);
        if (!s->pack_in_eval)
          ctx.note_packed(static_cast<int64_t>(s->packed.size() * sizeof(float)), {&w, bias},
                          s->wino ? "CONV_2D as Winograd F(4x4, 3x3)" : nullptr);
      }
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(check_conv_operands(in, w, bias, out, g.out_c));
      if (in.dtype == DType::kInt16)
        XLITE_RETURN_IF_ERROR(int16x8_bias_type(a.get_int("quantized_bias_type", 0), bias, &s->int32_bias));
      channel_quant(in, w, out, g.out_c, act, in.dtype == DType::kUInt8 ? ScaleProduct::kFloat : ScaleProduct::kDouble,
                    &s->q);
      if (in.dtype == DType::kInt8 && groups == 1 && !ctx.reference_only())
      {
        prepare_fast_int8(ctx, *s, in, w, bias, out);
        if (!s->pack_in_eval) ctx.note_packed(static_cast<int64_t>(s->packed_i8.size()), {&w, bias});
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
      if (s.gemm) {
        if (s.pack_in_eval) pack_filter(s, w, bias);
        kernels::Conv2dF32Args args;
        args.s = s.shape;
        args.input = in.as<float>();
        args.packed = s.packed.data();
        if (s.g.out_c == 1) args.dot = s.packed.data();
        args.output = out.as<float>();
        args.min = s.fmin;
        args.max = s.fmax;
        float* const scratch = static_cast<float*>(ctx.scratch(s.scratch_floats * 4 * ctx.num_threads()));
        if (s.epi.active()) {
          s.epi.bind(args.output, ctx.input(3) ? ctx.input(3)->as<float>() : nullptr,
                     ctx.input(4) ? ctx.input(4)->as<float>() : nullptr);
          args.post = {&EpilogueF32::hook, &s.epi};
        }
        if (s.wino) {
          eval_winograd(ctx, s, args, scratch);
          break;
        }
        // Output pixels (or, for a small map, channels) split across
        // threads, each with its own scratch.
        ops::parallel_gemm(ctx, static_cast<int64_t>(s.g.batches) * s.g.out_h * s.g.out_w, s.g.out_c, s.gemm->nr, 64,
                           [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, int part) {
                             kernels::Conv2dF32Args a = args;
                             a.scratch = scratch + part * s.scratch_floats;
                             kernels::conv2d_f32(*s.gemm, a, r0, r1, c0, c1);
                           });
        break;
      }
      ref::conv_2d_float(s.g, in.as<float>(), w.as<float>(), bias ? bias->as<float>() : nullptr, s.fmin, s.fmax,
                         out.as<float>());
      s.epi.bind(out.as<float>(), ctx.input(3) ? ctx.input(3)->as<float>() : nullptr,
                 ctx.input(4) ? ctx.input(4)->as<float>() : nullptr);
      s.epi.apply(out.as<float>(), static_cast<int64_t>(s.g.batches) * s.g.out_h * s.g.out_w, s.g.out_c, s.g.out_c);
      break;
    case DType::kInt8:
      if (s.gemm_i8) {
        eval_fast_int8(ctx, s, in, w, bias, out);
        break;
      }
      ref::conv_2d_quantized<int8_t, int8_t>(s.g, in.as<int8_t>(), -in.zero_point(), w.as<int8_t>(), 0,
                                             bias ? bias->as<int32_t>() : nullptr, s.q.multiplier.data(), s.q.shift.data(),
                                             out.zero_point(), s.q.qmin, s.q.qmax, out.as<int8_t>(),
                                             &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kUInt8:
      ref::conv_2d_quantized<uint8_t, uint8_t>(s.g, in.as<uint8_t>(), -in.zero_point(), w.as<uint8_t>(),
                                               -w.zero_point(), bias ? bias->as<int32_t>() : nullptr,
                                               s.q.multiplier.data(), s.q.shift.data(), out.zero_point(), s.q.qmin, s.q.qmax,
                                               out.as<uint8_t>(), &quant::multiply_by_quantized_multiplier);
      break;
    case DType::kInt16:
      if (s.int32_bias)
        ref::conv_2d_int16x8<int32_t>(s.g, in.as<int16_t>(), w.as<int8_t>(), bias ? bias->as<int32_t>() : nullptr,
                                      s.q.multiplier.data(), s.q.shift.data(), s.q.qmin, s.q.qmax, out.as<int16_t>());
      else
        ref::conv_2d_int16x8<int64_t>(s.g, in.as<int16_t>(), w.as<int8_t>(), bias ? bias->as<int64_t>() : nullptr,
                                      s.q.multiplier.data(), s.q.shift.data(), s.q.qmin, s.q.qmax, out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::conv_2d
