// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of CONV_2D: stablehlo.convolution over NHWC input and
// an OHWI filter ([b,0,1,f]x[o,0,1,i]), TFLite's SAME/VALID padding made
// explicit, grouped when the filter has fewer input channels than the
// input; then the bias and the fused activation.
#include "emit/stablehlo/lower.h"
#include "ops/common/conv_lower.h"

namespace xlite::ops::conv_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  XLITE_RETURN_IF_ERROR(refuse_runtime_epilogue(ctx));
  // A fourth input exists only as the runtime's ADD epilogue's addend.
  if (ctx.num_inputs() > 3) return Status::error("CONV_2D takes at most 3 inputs");
  if (ctx.options().quant == shlo::QuantMode::kInteger && ctx.input_tensor(0).quant.is_quantized())
    return lower_conv_integer(ctx, false);
  Result<Value> in = ctx.input(0), filter = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!filter.ok()) return filter.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || filter->type.rank() != 4 || out.rank() != 4)
    return Status::error("input, filter and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const int64_t strides[] = {a.get_int("stride_h", 1), a.get_int("stride_w", 1)};
  const int64_t dilations[] = {a.get_int("dilation_h_factor", 1), a.get_int("dilation_w_factor", 1)};
  const int64_t ones[] = {1, 1};
  std::pair<int64_t, int64_t> pads[2];
  XLITE_RETURN_IF_ERROR(conv_padding(a, in->type.shape, filter->type.shape, out.shape, pads));
  const int64_t in_c = in->type.shape[3], filter_c = filter->type.shape[3];
  if (filter_c <= 0 || in_c % filter_c != 0)
    return Status::error("input channels " + std::to_string(in_c) + " are not a multiple of the filter's " +
                         std::to_string(filter_c));
  Value w = ctx.b.convert(filter.value(), in->type.dtype);
  Value y = shlo::convolution(ctx.b, in.value(), w, "o, 0, 1, i", strides, pads, ones, dilations, in_c / filter_c,
                              out);
  Result<Value> biased = shlo::add_bias(ctx, y, 2);
  if (!biased.ok()) return biased.status();
  Result<Value> act = shlo::apply_activation(ctx.b, biased.value(), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::conv_2d
