// SPDX-License-Identifier: Apache-2.0
// StableHLO lowering of L2_NORMALIZATION over the last dim: x / max(sqrt(sum x^2), 1e-6)
// (the epsilon of the TFLite reference).
#include "emit/stablehlo/lower.h"
#include "ops/common/quant_lower.h"
#include "ops/common/table_lower.h"

namespace xlite::ops::l2_normalization {

using shlo::Cmp;
using shlo::Value;

namespace {

// --quant=integer (int8; output scale 1/128, zero point 0), as the kernel
// (l2_normalization.cc): d = q - zp, the row's int32 sum of d^2, its
// inverse square root as multiplier and shift
// (fixed::get_inv_sqrt_quantized_multiplier_exp with reverse shift -1:
// normalised by pairs of bits, five Newton-Raphson steps in Q3, times
// sqrt(2)/2), then MultiplyByQuantizedMultiplier(d, inv, shift + 7) per
// element, clamped to int8.
Status lower_integer(shlo::LowerContext& ctx, const Value& in) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
  if (!st.ok()) return st.status();
  const RtTensor ri = rt_tensor(ctx.input_tensor(0));
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in.type;
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  FixedEmit em{b, t.shape};
  const Value d = shlo::to_i32_offset(b, in, ri.zero_point());
  const Value acc = b.broadcast_in_dim(
      b.reduce(b.mul(d, d), b.scalar(DType::kInt32, 0), std::span<const int64_t>(&last, 1), "stablehlo.add"), t.shape,
      keep);
  // At most one division by 4 brings a positive int32 under 2^29.
  const Value big = b.compare(acc, em.c(1 << 29), Cmp::GE);
  Value input = b.select(big, b.div(acc, em.c(4)), acc);
  Value shift = b.select(big, em.c(12), em.c(11));
  const Value max_left = b.sub(b.unary("stablehlo.count_leading_zeros", input), em.c(1));
  const Value pairs = b.sub(b.div(max_left, em.c(2)), em.c(1));
  shift = b.sub(shift, pairs);
  input = b.binary("stablehlo.shift_left", input, b.mul(pairs, em.c(2)));
  const Value fixed_input = b.binary("stablehlo.shift_right_arithmetic", input, em.c(1));  // Q3
  const Value half_input = em.rdbp(fixed_input, em.c(1));
  const Value half_three = em.c((1 << 28) + (1 << 27));
  Value x = em.c(1 << 28);  // 1.0 in Q3
  for (int i = 0; i < 5; ++i) {
    const Value x3 = em.srmbp_left(em.srdhm(em.srdhm(x, x), x), 6);
    x = em.srmbp_left(b.sub(em.srdhm(half_three, x), em.srdhm(half_input, x3)), 3);
  }
  x = em.srdhm(x, em.c(1518500250));  // sqrt(2)/2 in Q0.31
  // A negative shift moves into the multiplier; then the shift is reversed.
  const Value neg = b.compare(shift, em.c(0), Cmp::LT);
  x = b.select(neg, b.binary("stablehlo.shift_left", x, b.sub(em.c(0), shift)), x);
  shift = b.select(neg, em.c(0), b.sub(em.c(0), shift));
  // 0 and 1 take the largest multiplier and shift 0.
  const Value tiny = b.compare(acc, em.c(1), Cmp::LE);
  const Value inv = b.select(tiny, em.c(2147483647.0), x);
  shift = b.select(tiny, em.c(0), shift);
  const Value v = em.mbqm(d, inv, b.add(shift, em.c(7)));
  ctx.set_output(0, b.convert(b.clamp(b.scalar(DType::kInt32, -128), v, b.scalar(DType::kInt32, 127)), DType::kInt8));
  return ok_status();
}

}  // namespace

Status lower(shlo::LowerContext& ctx) {
  if (integer_quant(ctx)) {
    Result<Value> in = ctx.input(0);
    if (!in.ok()) return in.status();
    if (in->type.rank() < 1) return Status::error("input must have rank 1 or more");
    return lower_integer(ctx, in.value());
  }
  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  Value sq = b.reduce(b.mul(in.value(), in.value()), b.scalar(t.dtype, 0.0), std::span<const int64_t>(&last, 1),
                      "stablehlo.add");
  Value norm = b.max(b.unary("stablehlo.sqrt", sq), b.splat(t.dtype, sq.type.shape, 1e-6));
  ctx.set_output(0, b.div(in.value(), b.broadcast_in_dim(norm, t.shape, keep)));
  return ok_status();
}

}  // namespace xlite::ops::l2_normalization
