// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of Convolution2DTransposeBias (MediaPipe's transposed
// convolution with bias): TRANSPOSE_CONV's convolution
// (shlo::transpose_convolution) with the operands in this op's order
// (input, weights [O, KH, KW, I], bias [O]) and its own padding rule, which
// counts from the input size, not the output's (see the kernel's header
// comment). The kernel's prepare() runs on the IR's tensors first, so the
// export refuses exactly what the runtime refuses, with its message, and
// the strides and padding are the ones the kernel reads from the options.
#include "emit/stablehlo/lower.h"
#include "ops/common/table_lower.h"
#include "ops/custom/convolution_2d_transpose_bias/convolution_2d_transpose_bias.h"

namespace xlite::ops::custom::convolution_2d_transpose_bias {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx, &prepare);
  if (!st.ok()) return st.status();
  const auto& s = static_cast<const State&>(*st.value());
  const shlo::TType out = ctx.output_type(0);
  // The IR's output shape is the module's result type; it must be the
  // one the kernel computes.
  const std::vector<int32_t> want = {ctx.input_tensor(0).shape[0], s.out_h, s.out_w, ctx.input_tensor(1).shape[0]};
  if (ctx.output_tensor(0).shape != want)
    return Status::error("output shape " + shape_to_string(ctx.output_tensor(0).shape) + " is not the " +
                         shape_to_string(want) + " that the inputs and options give");
  Result<Value> in = ctx.input(0), w = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!w.ok()) return w.status();
  const int64_t strides[] = {s.stride_h, s.stride_w}, pad_before[] = {s.pad_top, s.pad_left};
  const Value y = shlo::transpose_convolution(ctx.b, in.value(), w.value(), strides, pad_before, out);
  Result<Value> biased = shlo::add_bias(ctx, y, 2);
  if (!biased.ok()) return biased.status();
  ctx.set_output(0, biased.value());
  return ok_status();
}

}  // namespace xlite::ops::custom::convolution_2d_transpose_bias
