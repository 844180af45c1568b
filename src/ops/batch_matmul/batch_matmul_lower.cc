// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of BATCH_MATMUL: both operands broadcast to the
// output's batch dims, then dot_general with those as batch dims,
// contracting lhs K (dim -1, or -2 with adj_x) with rhs K (dim -2, or -1
// with adj_y); the result is [batch..., M, N].
#include "emit/stablehlo/lower.h"
#include "ops/common/quant.h"
#include "ops/common/quant_lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::batch_matmul {

using shlo::Value;

Status lower(shlo::LowerContext& ctx) {
  Result<Value> lhs = ctx.input(0), rhs = ctx.input(1);
  if (!lhs.ok()) return lhs.status();
  if (!rhs.ok()) return rhs.status();
  const shlo::TType out = ctx.output_type(0);
  if (lhs->type.rank() < 2 || rhs->type.rank() < 2 || out.rank() < 2)
    return Status::error("operands and output must have rank 2 or more");
  const int64_t nb = out.rank() - 2;
  std::vector<int64_t> batch(out.shape.begin(), out.shape.begin() + nb), bdims;
  for (int64_t d = 0; d < nb; ++d) bdims.push_back(d);
  auto expand = [&](const Value& v) {
    std::vector<int64_t> shape = batch;
    shape.push_back(v.type.shape[v.type.rank() - 2]);
    shape.push_back(v.type.shape[v.type.rank() - 1]);
    return ctx.b.broadcast_to(v, shape);
  };
  const int64_t lc[] = {ctx.attrs().get_bool("adj_x") ? nb : nb + 1};
  const int64_t rc[] = {ctx.attrs().get_bool("adj_y") ? nb + 1 : nb};
  if (integer_quant(ctx)) {
    // --quant=integer (batch_matmul.cc): int8: the int32 dot product of the
    // offset operands, MultiplyByQuantizedMultiplier by s_l * s_r / s_out
    // (the float product widened), plus the output zero point, clamped;
    // int16 (zero points 0): an int64 dot product and the 16-bit
    // multiplier's single rounding.
    Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
    if (!st.ok()) return st.status();
    const RtTensor rl = rt_tensor(ctx.input_tensor(0)), rr = rt_tensor(ctx.input_tensor(1)),
                   ro = rt_tensor(ctx.output_tensor(0));
    if (rl.dtype != rr.dtype || (rl.dtype != DType::kInt8 && rl.dtype != DType::kInt16))
      return Status::error("--quant=integer lowers int8 and int16 BATCH_MATMUL only");
    int32_t multiplier;
    int shift;
    quant::quantize_multiplier(static_cast<double>(rl.scale() * rr.scale()) / static_cast<double>(ro.scale()),
                               &multiplier, &shift);
    const bool i16 = rl.dtype == DType::kInt16;
    const DType acc_t = i16 ? DType::kInt64 : DType::kInt32;
    auto offset = [&](const Value& v, int32_t zp) {
      Value x = ctx.b.convert(v, acc_t);
      return zp == 0 ? x : ctx.b.sub(x, ctx.b.splat(acc_t, x.type.shape, zp));
    };
    const Value l = expand(offset(lhs.value(), rl.zero_point())), r = expand(offset(rhs.value(), rr.zero_point()));
    const Value acc = ctx.b.dot_general(l, r, bdims, bdims, lc, rc, out.with_dtype(acc_t));
    int32_t lo, hi;
    quant::dtype_range(out.dtype, &lo, &hi);
    if (i16) {
      const Value v = multiply_by_quantized_multiplier_i64(ctx.b, acc, {multiplier}, {shift});
      ctx.set_output(0, ctx.b.convert(ctx.b.clamp(ctx.b.scalar(DType::kInt32, lo), v, ctx.b.scalar(DType::kInt32, hi)),
                                      out.dtype));
    } else {
      ctx.set_output(0, shlo::requantize(ctx.b, acc, {multiplier}, {shift}, ro.zero_point(), lo, hi, out.dtype));
    }
    return ok_status();
  }
  Value l = expand(lhs.value()), r = expand(ctx.b.convert(rhs.value(), lhs->type.dtype));
  ctx.set_output(0, ctx.b.dot_general(l, r, bdims, bdims, lc, rc, out));
  return ok_status();
}

}  // namespace xlite::ops::batch_matmul
