// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of MEAN: a sum over the axes divided by their element count.
// --quant=integer (int8, uint8, int16): the kernel's arithmetic (mean.cc):
// an int32 sum of the codes, minus the input zero point times the count,
// MultiplyByQuantizedMultiplier with the multiplier and shift the kernel's
// prepare folds 1/count into, plus the output zero point, clamped.
#include <algorithm>
#include <limits>

#include "emit/stablehlo/lower.h"
#include "ops/common/reduce.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::mean {

namespace {

Status lower_integer(shlo::LowerContext& ctx) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);
  if (!st.ok()) return st.status();
  const ReduceState& s = *static_cast<const ReduceState*>(st->get());
  if (s.reduced_count <= 0) return Status::error("an empty reduction has no --quant=integer lowering");
  Result<shlo::Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  std::vector<int64_t> dims;
  for (size_t d = 0; d < s.reduced.size(); ++d)
    if (s.reduced[d]) dims.push_back(static_cast<int64_t>(d));
  shlo::Builder& b = ctx.b;
  const shlo::TType out = ctx.output_type(0);
  const RtTensor ri = rt_tensor(ctx.input_tensor(0)), ro = rt_tensor(ctx.output_tensor(0));
  shlo::Value sum = b.reduce(b.convert(in.value(), DType::kInt32), b.scalar(DType::kInt32, 0), dims, "stablehlo.add");
  // sum - zp * count wraps in int32 as the kernel's cast does.
  const int32_t offset =
      static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(ri.zero_point()) * s.reduced_count));
  sum = b.sub(sum, b.splat(DType::kInt32, sum.type.shape, offset));
  const shlo::Value q = shlo::requantize(b, sum, {s.multiplier}, {s.shift}, ro.zero_point(), s.qmin, s.qmax, out.dtype);
  ctx.set_output(0, b.reshape(q, out.shape));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) return lower_integer(ctx);
  return shlo::lower_reduce(ctx, "stablehlo.add", 0.0, true);
}

}  // namespace xlite::ops::mean
