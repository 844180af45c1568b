// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of TRANSPOSE_CONV: the gradient of a convolution,
// written as a convolution of the stride-dilated input (lhs_dilation) with
// the spatially reversed [O, KH, KW, I] filter. TFLite scatters input i
// with filter tap k to output o = i*stride + k - pad, pad being what
// SAME/VALID gives a convolution from the output size back to the input
// (transpose_conv.cc: ComputePaddingHeightWidth on the output's size); in
// the dilated convolution that is a low padding of K - 1 - pad, and the
// high padding makes the output size the IR's.
#include "emit/stablehlo/lower.h"

namespace xlite::ops::transpose_conv {

using shlo::Value;

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
  const int64_t ones[] = {1, 1};
  std::pair<int64_t, int64_t> pads[2];
  for (int d = 0; d < 2; ++d) {
    const int64_t k = filter->type.shape[1 + d], s = strides[d], o = out.shape[1 + d], i = in->type.shape[1 + d];
    // The conv from the output back: its output size and padding.
    const int64_t back = padding == 0 ? (o + s - 1) / s : (o - k + s) / s;
    const int64_t pad = padding == 0 ? std::max<int64_t>(0, (back - 1) * s + k - o) / 2 : 0;
    const int64_t low = k - 1 - pad;
    const int64_t dilated = (i - 1) * s + 1;
    pads[d] = {low, o - 1 + k - dilated - low};
  }
  const int64_t spatial[] = {1, 2};
  Value w = ctx.b.reverse(ctx.b.convert(filter.value(), in->type.dtype), spatial);
  Value y = shlo::convolution(ctx.b, in.value(), w, "o, 0, 1, i", ones, pads, strides, ones, 1, out);
  Result<Value> biased = shlo::add_bias(ctx, y, 3);
  if (!biased.ok()) return biased.status();
  Result<Value> act = shlo::apply_activation(ctx.b, biased.value(), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::transpose_conv
