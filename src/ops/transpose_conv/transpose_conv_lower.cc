// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TRANSPOSE_CONV: the gradient of a convolution
// (shlo::transpose_convolution). TFLite scatters input i with filter tap k
// to output o = i*stride + k - pad, pad being what SAME/VALID gives a
// convolution from the output size back to the input (transpose_conv.cc:
// ComputePaddingHeightWidth on the output's size).
#include "emit/stablehlo/lower.h"
#include "ops/common/bias.h"
#include "ops/common/conv_quant.h"
#include "ops/common/quant_lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::transpose_conv {

using shlo::Value;

namespace {

// --quant=integer (int8; int16 activations with int8 filter): the same
// convolution on the input minus its zero point in the kernel's
// accumulator (int32; int64 for 16x8 unless the bias is int32), plus the
// bias, requantized per output channel with the MultiplyByQuantizedMultiplier
// of that width, plus the output zero point, clamped (transpose_conv.cc
// eval_quantized).
Status lower_integer(shlo::LowerContext& ctx, const Value& in, const Value& filter,
                     std::span<const int64_t> pad_before, std::span<const int64_t> strides) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
  if (!st.ok()) return st.status();
  const RtTensor ri = rt_tensor(ctx.input_tensor(2)), rw = rt_tensor(ctx.input_tensor(1)),
                 ro = rt_tensor(ctx.output_tensor(0));
  if ((ri.dtype != DType::kInt8 && ri.dtype != DType::kInt16) || rw.dtype != DType::kInt8)
    return Status::error("--quant=integer lowers int8 and int16 TRANSPOSE_CONV with int8 filters only");
  DType acc_t = DType::kInt32;
  if (ri.dtype == DType::kInt16) {
    bool acc32 = false;
    RtTensor rb;
    if (ctx.has_input(3)) rb = rt_tensor(ctx.input_tensor(3));
    XLITE_RETURN_IF_ERROR(
        int16x8_bias_type(ctx.attrs().get_int("quantized_bias_type", 0), ctx.has_input(3) ? &rb : nullptr, &acc32));
    if (!acc32) acc_t = DType::kInt64;
  }
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const int32_t channels = static_cast<int32_t>(out.shape[3]);
  ChannelQuant q;
  channel_quant(ri, rw, ro, channels, static_cast<int>(ctx.attrs().get_int("fused_activation_function", 0)),
                ScaleProduct::kDouble, &q);
  Value x = b.convert(in, acc_t);
  if (ri.zero_point() != 0) x = b.sub(x, b.splat(acc_t, x.type.shape, ri.zero_point()));
  Value acc = shlo::transpose_convolution(b, x, b.convert(filter, acc_t), strides, pad_before, out.with_dtype(acc_t));
  if (ctx.has_input(3)) {
    Result<Value> bias = ctx.input(3);
    if (!bias.ok()) return bias.status();
    const int64_t last = 3;
    const Value bv = b.convert(b.reshape(bias.value(), {out.shape[3]}), acc_t);
    acc = b.add(acc, b.broadcast_in_dim(bv, out.shape, std::span<const int64_t>(&last, 1)));
  }
  if (acc_t == DType::kInt64) {
    Value v = multiply_by_quantized_multiplier_i64(b, acc, q.multiplier, q.shift);
    v = b.add(v, b.splat(DType::kInt32, out.shape, ro.zero_point()));
    ctx.set_output(0, b.convert(b.clamp(b.scalar(DType::kInt32, q.qmin), v, b.scalar(DType::kInt32, q.qmax)), out.dtype));
  } else {
    ctx.set_output(0, shlo::requantize(b, acc, q.multiplier, q.shift, ro.zero_point(), q.qmin, q.qmax, out.dtype));
  }
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  Result<Value> filter = ctx.input(1), in = ctx.input(2);
  if (!filter.ok()) return filter.status();
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || filter->type.rank() != 4 || out.rank() != 4)
    return Status::error("input, filter and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const int padding = static_cast<int>(a.get_int("padding", 0));
  const int64_t strides[] = {a.get_int("stride_h", 1), a.get_int("stride_w", 1)};
  int64_t pad_before[2];
  for (int d = 0; d < 2; ++d) {
    const int64_t k = filter->type.shape[1 + d], s = strides[d], o = out.shape[1 + d];
    // The conv from the output back: its output size and padding.
    const int64_t back = padding == 0 ? (o + s - 1) / s : (o - k + s) / s;
    pad_before[d] = padding == 0 ? std::max<int64_t>(0, (back - 1) * s + k - o) / 2 : 0;
  }
  if (integer_quant(ctx, 2)) return lower_integer(ctx, in.value(), filter.value(), pad_before, strides);
  const Value w = ctx.b.convert(filter.value(), in->type.dtype);
  Value y = shlo::transpose_convolution(ctx.b, in.value(), w, strides, pad_before, out);
  Result<Value> biased = shlo::add_bias(ctx, y, 3);
  if (!biased.ok()) return biased.status();
  Result<Value> act = shlo::apply_activation(ctx.b, biased.value(), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::transpose_conv
