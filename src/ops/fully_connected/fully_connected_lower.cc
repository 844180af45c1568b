// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of FULLY_CONNECTED: the input as [batch, depth]
// (every leading dim folded into batch), dot_general with the [units,
// depth] weights contracting depth, the bias, the fused activation, and a
// reshape to the output's shape (keep_num_dims or not: the IR holds it).
#include "emit/stablehlo/lower.h"
#include "ops/common/conv_lower.h"

namespace xlite::ops::fully_connected {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  if (ctx.options().quant == shlo::QuantMode::kInteger && ctx.input_tensor(0).quant.is_quantized())
    return lower_fully_connected_integer(ctx);
  Result<Value> in = ctx.input(0), weights = ctx.input(1);
  if (!in.ok()) return in.status();
  if (!weights.ok()) return weights.status();
  if (ctx.attrs().get_int("weights_format", 0) != 0) return Status::error("shuffled weights are not supported");
  if (weights->type.rank() != 2) return Status::error("weights must be 2-D");
  const int64_t units = weights->type.shape[0], depth = weights->type.shape[1];
  const int64_t n = in->type.num_elements();
  if (depth <= 0 || n % depth != 0)
    return Status::error("input size " + std::to_string(n) + " is not a multiple of the depth " + std::to_string(depth));
  const shlo::TType out = ctx.output_type(0);
  Value x = ctx.b.reshape(in.value(), {n / depth, depth});
  Value w = ctx.b.convert(weights.value(), x.type.dtype);
  const int64_t one[] = {1};
  Value y = ctx.b.dot_general(x, w, {}, {}, one, one, out.with_shape({n / depth, units}));
  Result<Value> biased = shlo::add_bias(ctx, y, 2);
  if (!biased.ok()) return biased.status();
  Result<Value> act = shlo::apply_activation(ctx.b, biased.value(), ctx.attrs().get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  if (act->type.num_elements() != out.num_elements())
    return Status::error("output " + shlo::type_str(out) + " does not hold " + shlo::type_str(act->type));
  ctx.set_output(0, ctx.b.reshape(act.value(), out.shape));
  return ok_status();
}

}  // namespace xlite::ops::fully_connected
