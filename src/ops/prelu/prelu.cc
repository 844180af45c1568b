// SPDX-License-Identifier: Apache-2.0
// PRELU: inputs x and alpha (usually constant, shared over some axes and
// broadcast). The broadcast shape must be x's shape, as TFLite's PreluPrepare
// requires. float32, int8, uint8 (TFLite activations.cc).
#include "ops/prelu/prelu_ref.h"

#include "kernels/kernels.h"
#include "ops/common/checks.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"
#include "ops/kernel.h"

namespace xlite::ops::prelu {
namespace {

struct State : OpState {
  bcast::Map map;
  ref::PreluParams q;
  // float32 with one alpha per channel (the innermost dimension), as
  // Keras' PReLU(shared_axes=[1, 2]) gives: rows of `channels` elements,
  // each against the same alpha row, through the vectorised kernel
  // (kernels/prelu_f32.h, bit-identical with the reference) instead of
  // the broadcast walk. 0: the reference.
  int64_t channels = 0;
  const kernels::PreluF32Kernel* kernel = nullptr;
};

}  // namespace

Status prepare(KernelContext& ctx) {
  State* s = ctx.make_state<State>();
  XLITE_RETURN_IF_ERROR(elementwise::prepare_binary(ctx, &s->map, "alpha"));
  const RtTensor& in = *ctx.input(0);
  const RtTensor& alpha = *ctx.input(1);
  const RtTensor& out = ctx.output(0);
  if (out.shape != in.shape)
    return Status::error("alpha of shape " + bcast::shape_text(alpha.shape) + " widens the input of shape " +
                         bcast::shape_text(in.shape));
  switch (in.dtype) {
    case DType::kFloat32: {
      // alpha [..., 1, C] against an input [..., C]: one alpha per channel.
      const int64_t c = in.rank() > 0 ? in.dim(-1) : 0;
      const bool per_channel = c > 0 && alpha.rank() > 0 && alpha.dim(-1) == c && alpha.num_elements() == c;
      if (per_channel && !ctx.reference_only()) {
        s->channels = c;
        s->kernel = kernels::select<kernels::PreluF32Kernel>().kernel;
      }
      return ok_status();
    }
    case DType::kInt8:
    case DType::kUInt8: break;
    default: return check::unsupported_dtype(in, "input");
  }
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(in, "input"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(alpha, "alpha"));
  XLITE_RETURN_IF_ERROR(elementwise::check_quantized(out, "output"));
  s->q.in_offset = -in.zero_point();
  s->q.alpha_offset = -alpha.zero_point();
  s->q.out_offset = out.zero_point();
  // PreluPrepare forms both real multipliers in float.
  const float real_1 = in.scale() / out.scale();
  const float real_2 = in.scale() * alpha.scale() / out.scale();
  quant::quantize_multiplier(static_cast<double>(real_1), &s->q.multiplier_1, &s->q.shift_1);
  quant::quantize_multiplier(static_cast<double>(real_2), &s->q.multiplier_2, &s->q.shift_2);
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  const RtTensor& alpha = *ctx.input(1);
  RtTensor& out = ctx.output(0);
  const State& s = *ctx.state<State>();
  switch (in.dtype) {
    case DType::kFloat32:
      if (s.channels > 0) {
        const int64_t rows = in.num_elements() / s.channels;
        ctx.parallel_for(
            rows,
            [&](int64_t begin, int64_t end, int) {
              const int64_t at = begin * s.channels;
              s.kernel->run(in.as<float>() + at, out.as<float>() + at, (end - begin) * s.channels,
                            alpha.as<float>(), s.channels, 0);
            },
            std::max<int64_t>(1, elementwise::kMinChunk / s.channels));
        break;
      }
      ref::prelu_float(s.map, in.as<float>(), alpha.as<float>(), out.as<float>());
      break;
    case DType::kInt8:
      ref::prelu_quantized(s.map, in.as<int8_t>(), alpha.as<int8_t>(), s.q, out.as<int8_t>());
      break;
    case DType::kUInt8:
      ref::prelu_quantized(s.map, in.as<uint8_t>(), alpha.as<uint8_t>(), s.q, out.as<uint8_t>());
      break;
    default: return check::unsupported_dtype(in, "input");
  }
  return ok_status();
}

}  // namespace xlite::ops::prelu
