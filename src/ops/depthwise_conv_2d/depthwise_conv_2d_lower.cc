// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of DEPTHWISE_CONV_2D: a convolution with one feature
// group per input channel. TFLite's filter [1, H, W, C*M] is used as is,
// read as an IHWO kernel ([i,0,1,o], i = 1 per group): output channel
// c*M + m belongs to group c, as TFLite orders them.
#include "emit/stablehlo/lower.h"
#include "ops/common/conv_lower.h"

namespace xlite::ops::depthwise_conv_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  XLITE_RETURN_IF_ERROR(refuse_runtime_epilogue(ctx));
  if (ctx.options().quant == shlo::QuantMode::kInteger && ctx.input_tensor(0).quant.is_quantized())
    return lower_conv_integer(ctx, true);
  Result<Value> in = ctx.input(0), filter = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!filter.ok()) return filter.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || filter->type.rank() != 4 || out.rank() != 4 || filter->type.shape[0] != 1)
    return Status::error("input, filter [1,H,W,C*M] and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const int64_t strides[] = {a.get_int("stride_h", 1), a.get_int("stride_w", 1)};
  const int64_t dilations[] = {a.get_int("dilation_h_factor", 1), a.get_int("dilation_w_factor", 1)};
  const int64_t ones[] = {1, 1};
  std::pair<int64_t, int64_t> pads[2];
  XLITE_RETURN_IF_ERROR(conv_padding(a, in->type.shape, filter->type.shape, out.shape, pads));
  const int64_t in_c = in->type.shape[3];
  if (in_c <= 0 || filter->type.shape[3] % in_c != 0)
    return Status::error("filter channels are not a multiple of the input channels");
  Value w = ctx.b.convert(filter.value(), in->type.dtype);
  Value y = shlo::convolution(ctx.b, in.value(), w, "i, 0, 1, o", strides, pads, ones, dilations, in_c, out);
  Result<Value> biased = shlo::add_bias(ctx, y, 2);
  if (!biased.ok()) return biased.status();
  Result<Value> act = shlo::apply_activation(ctx.b, biased.value(), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::depthwise_conv_2d
