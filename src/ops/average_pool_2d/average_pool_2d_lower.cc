// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of AVERAGE_POOL_2D: a windowed sum divided by the
// number of real (unpadded) elements in each window, as TFLite counts
// them; the counts are the same windowed sum over a tensor of ones padded
// with zeros. Then the fused activation.
#include "ops/common/pool.h"
#include "ops/common/shape_lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::average_pool_2d {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  const shlo::TType out = ctx.output_type(0);
  if (in->type.rank() != 4 || out.rank() != 4) return Status::error("input and output must be 4-D");
  const Attrs& a = ctx.attrs();
  const PoolWindow w = pool_window(a, in->type, out);
  const DType t = in->type.dtype;
  if (integer_quant(ctx)) {
    // --quant=integer (int8, uint8, int16; input and output share their
    // quantization): the int32 sum of the codes inside the window, divided
    // by their count rounding half away from zero ((acc +- n/2) / n, C's
    // truncating division), clamped to the kernel's activation range
    // (ref::average_pool_2d_quantized).
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
    if (!st.ok()) return st.status();
    const PoolState& s = *static_cast<const PoolState*>(st->get());
    shlo::Builder& b = ctx.b;
    const shlo::TType acc_t = out.with_dtype(DType::kInt32);
    const Value zero = b.scalar(DType::kInt32, 0);
    Value acc = b.reduce_window(b.convert(in.value(), DType::kInt32), zero, w.window, w.strides, w.pads, "stablehlo.add",
                                acc_t);
    Value n = b.reduce_window(b.splat(DType::kInt32, in->type.shape, 1), zero, w.window, w.strides, w.pads,
                              "stablehlo.add", acc_t);
    Value half = b.div(n, b.splat(DType::kInt32, out.shape, 2));
    Value pos = b.compare(acc, b.splat(DType::kInt32, out.shape, 0), shlo::Cmp::GT);
    Value avg = b.div(b.select(pos, b.add(acc, half), b.sub(acc, half)), n);
    avg = b.clamp(b.scalar(DType::kInt32, s.qmin), avg, b.scalar(DType::kInt32, s.qmax));
    ctx.set_output(0, b.convert(avg, t));
    return ok_status();
  }
  Value sum = ctx.b.reduce_window(in.value(), ctx.b.scalar(t, 0.0), w.window, w.strides, w.pads, "stablehlo.add", out);
  Value ones = ctx.b.splat(t, in->type.shape, 1.0);
  Value count = ctx.b.reduce_window(ones, ctx.b.scalar(t, 0.0), w.window, w.strides, w.pads, "stablehlo.add", out);
  Result<Value> act =
      shlo::apply_activation(ctx.b, ctx.b.div(sum, count), a.get_int("fused_activation_function", 0));
  if (!act.ok()) return act.status();
  ctx.set_output(0, act.value());
  return ok_status();
}

}  // namespace xlite::ops::average_pool_2d
