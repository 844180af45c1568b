// SPDX-License-Identifier: Apache-2.0
// HARD_SWISH: float32; int8/uint8 with TFLite's int16 fixed-point kernel.
// Prepare facts: TFLite activations.cc HardSwishPrepare and common.h
// DownScaleInt32ToInt16Multiplier. Outside --reference-kernels, int8/uint8
// look each output up in a 256-entry table of the reference's outputs for
// every code (code_table.h).
#include <array>
#include <limits>

#include "ops/common/code_table.h"
#include "ops/common/table_eval.h"

#include "ops/common/quant.h"
#include "ops/common/unary.h"
#include "ops/hard_swish/hard_swish_ref.h"

#include "kernels/kernels.h"

namespace xlite::ops::hard_swish {
namespace {

struct State : OpState {
  ref::HardSwishParams params;
  bool use_table = false;
  std::array<uint8_t, 256> table{};
  const kernels::LutU8Kernel* lut = nullptr;
};

// Q0.31 -> Q0.15 with rounding, saturating near the top.
int16_t downscale_multiplier(int32_t m) {
  constexpr int32_t kRound = 1 << 15;
  if (m >= std::numeric_limits<int32_t>::max() - kRound) return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((m + kRound) >> 16);
}

}  // namespace

Status prepare(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  XLITE_RETURN_IF_ERROR(unary::same_shape_and_dtype(in, out));
  State* s = ctx.make_state<State>();
  if (in.dtype == DType::kFloat32) return ok_status();
  if (in.dtype != DType::kInt8 && in.dtype != DType::kUInt8) return check::unsupported_dtype(in, "input");
  XLITE_RETURN_IF_ERROR(unary::per_tensor_io(in, out));
  ref::HardSwishParams& p = s->params;
  p.input_zero_point = in.zero_point();
  p.output_zero_point = out.zero_point();
  // All in float, as TFLite computes them.
  const float hires_input_scale = (1.0f / 128.0f) * in.scale();
  const float reluish_scale = 3.0f / 32768.0f;
  const float output_multiplier = hires_input_scale / out.scale();
  const float reluish_multiplier = hires_input_scale / reluish_scale;
  int32_t m32 = 0;
  quant::quantize_multiplier(output_multiplier, &m32, &p.output_exponent);
  p.output_multiplier = downscale_multiplier(m32);
  if (p.output_exponent > 0)
    return Status::error("input scale / 128 must not exceed the output scale (output multiplier >= 1)");
  quant::quantize_multiplier(reluish_multiplier, &m32, &p.reluish_exponent);
  p.reluish_multiplier = downscale_multiplier(m32);
  if (!ctx.reference_only()) {
    s->use_table = true;
    s->lut = table_eval::select(ctx);
    if (in.dtype == DType::kInt8)
      code_table::build_unary<int8_t>(
          [&p](const int8_t* x, int64_t n, int8_t* y) { ref::hard_swish_quantized(p, n, x, y); }, &s->table);
    else
      code_table::build_unary<uint8_t>(
          [&p](const uint8_t* x, int64_t n, uint8_t* y) { ref::hard_swish_quantized(p, n, x, y); }, &s->table);
  }
  return ok_status();
}

Status eval(KernelContext& ctx) {
  const RtTensor& in = *ctx.input(0);
  RtTensor& out = ctx.output(0);
  const int64_t n = in.num_elements();
  switch (in.dtype) {
    case DType::kFloat32:
      if (!ctx.reference_only()) {
        // The vectorised kernel, bit-identical with the reference.
        const kernels::HardSwishF32Kernel* k = kernels::select<kernels::HardSwishF32Kernel>().kernel;
        unary::parallel(ctx, n, [&](int64_t b, int64_t e) { k->run(in.as<float>() + b, out.as<float>() + b, e - b); });
        break;
      }
      unary::parallel(ctx, n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) out.as<float>()[i] = ref::hard_swish_float(in.as<float>()[i]);
      });
      break;
    case DType::kInt8:
      if (ctx.state<State>()->use_table)
        table_eval::apply(ctx, ctx.state<State>()->lut, ctx.state<State>()->table.data(), in.as<int8_t>(),
                          out.as<int8_t>(), n);
      else
        ref::hard_swish_quantized(ctx.state<State>()->params, n, in.as<int8_t>(), out.as<int8_t>());
      break;
    default:
      if (ctx.state<State>()->use_table)
        table_eval::apply(ctx, ctx.state<State>()->lut, ctx.state<State>()->table.data(), in.as<uint8_t>(),
                          out.as<uint8_t>(), n);
      else
        ref::hard_swish_quantized(ctx.state<State>()->params, n, in.as<uint8_t>(), out.as<uint8_t>());
      break;
  }
  return ok_status();
}

}  // namespace xlite::ops::hard_swish
