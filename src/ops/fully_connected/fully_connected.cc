// SPDX-License-Identifier: Apache-2.0
// FULLY_CONNECTED: input [..., depth] (flattened to [batches, depth]),
// weights [units, depth], optional bias [units]. keep_num_dims keeps the
// input's leading dims in the output. float32; int8 with per-tensor or
// per-channel int8 weights; legacy uint8; int16 activations with int8
// weights and an int64 or int32 bias (bias.h). float32 and int8 (weight
// zero point 0) run as a GEMM (src/kernels) on weights packed here, int8
// bit-exact with the reference (exact int32 sums, then its requantization);
// the rest on the reference kernel.
#include "ops/fully_connected/fully_connected_ref.h"

#include "kernels/buffer.h"
#include "kernels/kernels.h"
#include "ops/common/bias.h"
#include "ops/common/checks.h"
#include "ops/common/conv_quant.h"
#include "ops/common/parallel_gemm.h"
#include "ops/common/quant.h"
#include "ops/common/requant_i8.h"
#include "ops/kernel.h"

namespace xlite::ops::fully_connected {
namespace {

struct State : OpState {
  int32_t batches, depth, units;
  float fmin, fmax;
  ChannelQuant q;
  bool int32_bias = false;     // int16: an int32 bias and accumulator
  std::vector<double> scale;  // quantized: input x weight / output scale per unit
  // float32: the GEMM variant and the packed weights.
  const kernels::GemmF32Kernel* gemm = nullptr;
  kernels::AlignedFloats packed;
  bool pack_in_eval = false;  // weights or bias computed at run time
  // int8: the GEMM variant (null: the reference), packed weights and
  // per-thread scratch.
  const kernels::GemmI8Kernel* gemm_i8 = nullptr;
  int32_t input_zp = 0;  // packed into the weights by some GEMM formats
  kernels::AlignedArray<int8_t> packed_i8;
  int64_t scratch_bytes = 0;  // per thread, a multiple of 64, in the shared scratch
};

// The GEMM's geometry: a 1x1 convolution over [1, 1, batches, depth].
kernels::ConvF32Shape fc_shape(const State& s) {
  return {1, 1, s.batches, s.depth, 1, s.batches, s.units, 1, 1, 1, 1, 1, 1, 0, 0};
}

void pack_weights_i8(State& s, const RtTensor& w, const RtTensor* bias) {
  kernels::pack_gemm_i8(*s.gemm_i8, w.as<int8_t>(), s.depth, bias ? bias->as<int32_t>() : nullptr, s.units, s.depth,
                        s.input_zp, s.packed_i8.data());
}

void pack_weights(State& s, const RtTensor& w, const RtTensor* bias) {
  kernels::pack_gemm_f32(w.as<float>(), s.depth, bias ? bias->as<float>() : nullptr, s.units, s.depth, s.gemm->nr,
                         s.packed.data());
}

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
      if (ctx.reference_only()) return ok_status();
      s->gemm = kernels::select<kernels::GemmF32Kernel>().kernel;
      s->packed.resize(static_cast<size_t>(kernels::gemm_f32_packed_floats(s->units, s->depth, s->gemm->nr)));
      s->pack_in_eval = !w.constant || (bias && !bias->constant);
      if (!s->pack_in_eval) {
        pack_weights(*s, w, bias);
        ctx.note_packed(static_cast<int64_t>(s->packed.size() * sizeof(float)), {&w, bias});
      }
      return ok_status();
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      XLITE_RETURN_IF_ERROR(check_conv_operands(in, w, bias, out, s->units));
      channel_quant(in, w, out, s->units, act,
                    w.quant->scale.size() == 1 ? ScaleProduct::kFloat : ScaleProduct::kDouble, &s->q);
      if (in.dtype == DType::kInt16)
        XLITE_RETURN_IF_ERROR(int16x8_bias_type(a.get_int("quantized_bias_type", 0), bias, &s->int32_bias));
      {
        // LiteRT 2.3's reference FULLY_CONNECTED (int8 per-tensor and
        // per-channel, uint8, int16x8) requantizes round(acc * scale) in
        // double, ties away from zero, scale = input x weight / output with
        // each scale widened to double (measured; docs/reference_notes.md).
        // s->q keeps only the activation range.
        const std::vector<float>& ws = w.quant->scale;
        s->scale.resize(s->units);
        for (int32_t u = 0; u < s->units; ++u)
          s->scale[u] = static_cast<double>(in.scale()) * static_cast<double>(ws.size() == 1 ? ws[0] : ws[u]) /
                        static_cast<double>(out.scale());
      }
      if (in.dtype == DType::kInt8 && w.zero_point() == 0 && !ctx.reference_only()) {
        s->gemm_i8 = kernels::select<kernels::GemmI8Kernel>().kernel;
        s->input_zp = in.zero_point();
        s->packed_i8.resize(static_cast<size_t>(kernels::gemm_i8_packed_bytes(s->units, s->depth, *s->gemm_i8)));
        s->scratch_bytes = (kernels::conv2d_i8_scratch_bytes(fc_shape(*s), *s->gemm_i8) + 63) / 64 * 64;
        ctx.reserve_scratch(s->scratch_bytes * ctx.num_threads());
        s->pack_in_eval = !w.constant || (bias && !bias->constant);
        if (!s->pack_in_eval) {
          pack_weights_i8(*s, w, bias);
          ctx.note_packed(static_cast<int64_t>(s->packed_i8.size()), {&w, bias});
        }
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
    case DType::kFloat32: {
      if (!s.gemm) {
        ref::fully_connected_float(s.batches, s.depth, s.units, in.as<float>(), w.as<float>(),
                                   bias ? bias->as<float>() : nullptr, s.fmin, s.fmax, out.as<float>());
        break;
      }
      if (s.pack_in_eval) pack_weights(s, w, bias);
      kernels::GemmF32Args args;
      args.m = s.batches, args.n = s.units, args.k = s.depth;
      args.a = in.as<float>(), args.lda = s.depth;
      args.packed = s.packed.data();
      args.c = out.as<float>(), args.ldc = s.units;
      args.min = s.fmin, args.max = s.fmax;
      // Rows split across threads; a small batch splits by whole panels of
      // output units (gemm_f32.h: advance `packed` and `c`).
      ops::parallel_gemm(ctx, s.batches, s.units, s.gemm->nr, 16,
                         [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, int) {
                           kernels::GemmF32Args a = args;
                           a.n = c1 - c0;
                           a.packed = args.packed + kernels::gemm_f32_packed_floats(c0, s.depth, s.gemm->nr);
                           a.c = args.c + c0;
                           s.gemm->run(a, r0, r1);
                         });
      break;
    }
    case DType::kInt8:
      if (s.gemm_i8) {
        if (s.pack_in_eval) pack_weights_i8(s, w, bias);
        const ops::FcRequantI8 rq{s.scale.data(), out.zero_point(), s.q.qmin, s.q.qmax};
        kernels::Conv2dI8Args args;
        args.s = fc_shape(s);
        args.input = in.as<int8_t>();
        args.input_zero_point = in.zero_point();
        args.packed = s.packed_i8.data();
        args.output = out.as<int8_t>();
        args.requant = rq.callback();
        char* const scratch = static_cast<char*>(ctx.scratch(s.scratch_bytes * ctx.num_threads()));
        ops::parallel_gemm(ctx, s.batches, s.units, s.gemm_i8->nr, 16,
                           [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1, int part) {
                             kernels::Conv2dI8Args a = args;
                             a.scratch = scratch + part * s.scratch_bytes;
                             kernels::conv2d_i8(*s.gemm_i8, a, r0, r1, c0, c1);
                           });
        break;
      }
      ref::fully_connected_quantized<int8_t, int8_t>(
          s.batches, s.depth, s.units, in.as<int8_t>(), -in.zero_point(), w.as<int8_t>(), -w.zero_point(),
          bias ? bias->as<int32_t>() : nullptr, s.scale.data(), out.zero_point(), s.q.qmin, s.q.qmax, out.as<int8_t>());
      break;
    case DType::kUInt8:
      ref::fully_connected_quantized<uint8_t, uint8_t>(
          s.batches, s.depth, s.units, in.as<uint8_t>(), -in.zero_point(), w.as<uint8_t>(), -w.zero_point(),
          bias ? bias->as<int32_t>() : nullptr, s.scale.data(), out.zero_point(), s.q.qmin, s.q.qmax, out.as<uint8_t>());
      break;
    case DType::kInt16:
      if (s.int32_bias)
        ref::fully_connected_int16x8<int32_t>(s.batches, s.depth, s.units, in.as<int16_t>(), w.as<int8_t>(),
                                              bias ? bias->as<int32_t>() : nullptr, s.scale.data(), s.q.qmin,
                                              s.q.qmax, out.as<int16_t>());
      else
        ref::fully_connected_int16x8<int64_t>(s.batches, s.depth, s.units, in.as<int16_t>(), w.as<int8_t>(),
                                              bias ? bias->as<int64_t>() : nullptr, s.scale.data(), s.q.qmin,
                                              s.q.qmax, out.as<int16_t>());
      break;
    default:
      return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::fully_connected
