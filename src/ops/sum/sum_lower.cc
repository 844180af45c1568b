// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of SUM: stablehlo.reduce with add over the axes.
// --quant=integer (int8, uint8): the kernel's arithmetic (sum.cc): the
// int32 sum of the codes, then round(float(acc) * scale + bias) in float
// (scale = in_scale / out_scale, bias = -zp_in * scale * count), rounded
// half away from zero, plus the output zero point, clamped. The product
// and the sum are rounded separately, as the kernel (built with
// -ffp-contract=off) computes them.
#include <limits>

#include "emit/stablehlo/lower.h"
#include "ops/common/reduce.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::sum {

namespace {

Status lower_integer(shlo::LowerContext& ctx) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
  if (!st.ok()) return st.status();
  const ReduceState& s = *static_cast<const ReduceState*>(st->get());
  const Tensor& ti = ctx.input_tensor(0);
  if (ti.dtype != DType::kInt8 && ti.dtype != DType::kUInt8)
    return Status::error("--quant=integer lowers int8 and uint8 SUM only (have " + std::string(dtype_name(ti.dtype)) + ")");
  Result<shlo::Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  std::vector<int64_t> dims;
  for (size_t d = 0; d < s.reduced.size(); ++d)
    if (s.reduced[d]) dims.push_back(static_cast<int64_t>(d));
  const RtTensor ri = rt_tensor(ti), ro = rt_tensor(ctx.output_tensor(0));
  const float scale = ri.scale() / ro.scale();
  const float bias = static_cast<float>(-ri.zero_point()) * scale * static_cast<float>(s.reduced_count);
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const shlo::Value acc =
      b.reduce(b.convert(in.value(), DType::kInt32), b.scalar(DType::kInt32, 0), dims, "stablehlo.add");
  const auto& shape = acc.type.shape;
  // float(acc) * scale is rounded to float before the add: XLA's CPU
  // backend contracts a float multiply-add into an FMA (one rounding), so
  // the product is taken in double, where it is exact (24-bit operands),
  // and narrowed: the kernel's float product, bit for bit.
  shlo::Value r = b.mul(b.convert(b.convert(acc, DType::kFloat32), DType::kFloat64),
                        b.splat(DType::kFloat64, shape, static_cast<double>(scale)));
  r = b.convert(r, DType::kFloat32);
  r = b.unary("stablehlo.round_nearest_afz", b.add(r, b.splat(DType::kFloat32, shape, bias)));
  // The codes' range bounds |r| far inside int32, so the conversion is exact.
  r = b.clamp(b.scalar(DType::kFloat32, -2147483648.0), r, b.scalar(DType::kFloat32, 2147483520.0));
  shlo::Value v = b.add(b.convert(r, DType::kInt32), b.splat(DType::kInt32, shape, ro.zero_point()));
  v = b.clamp(b.scalar(DType::kInt32, s.qmin), v, b.scalar(DType::kInt32, s.qmax));
  ctx.set_output(0, b.reshape(b.convert(v, out.dtype), out.shape));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_integer(ctx);
  return shlo::lower_reduce(ctx, "stablehlo.add", 0.0, false);
}

}  // namespace xlite::ops::sum
