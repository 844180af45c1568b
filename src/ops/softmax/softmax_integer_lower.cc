// SPDX-License-Identifier: Apache-2.0
// --quant=integer lowering of SOFTMAX for int8/uint8 input (int8, uint8 or
// int16 output): TFLite's reference fixed-point kernel
// (ref::softmax_quantized) written out in StableHLO, bit for bit; the
// table kernels for tiny input scales and for int16 below.
//
// Per row, diff = x - max(x) lies in [-255, 0], so everything that depends
// on one diff alone is a 256-entry table computed now with the kernel's own
// functions: gemmlowp's exp of the rescaled diff (Q0.31), and that exp
// rescaled to Q12.19 for the sum (0 below diff_min). What depends on the
// row sum is emitted: GetReciprocal (count leading zeros, the shift to
// [1, 2), the Newton-Raphson 1/(1+x) with saturating rounding doubling
// high multiplies), then each exp times the reciprocal, rounded by
// 2^exponent and offset to the output type's minimum.
#include <algorithm>
#include <cstring>
#include <limits>

#include "emit/stablehlo/lower.h"
#include "ops/common/fixed_point.h"
#include "ops/common/quant_lower.h"
#include "ops/common/table_lower.h"
#include "ops/softmax/softmax_ref.h"

namespace xlite::ops::softmax {

using shlo::Cmp;
using shlo::Value;

namespace {

constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;


// The table kernel (ref::softmax_table) that the kernel runs when beta x
// input scale is too small for the fixed-point one (LiteRT's reference
// aborts there; its optimized resolver runs this): exp(-scale * beta * d)
// from a float table at d = max - x, the row's sum in float added in
// column order (a chain of adds: a reduce may reassociate), probabilities
// e * (1 / (sum * output_scale)) rounded half away from zero.
Status lower_table(shlo::LowerContext& ctx, const Value& in, double beta) {
  const Tensor& ti = ctx.input_tensor(0);
  const Tensor& to = ctx.output_tensor(0);
  if (to.dtype != ti.dtype) return Status::error("the table softmax needs the input's type for the output");
  const RtTensor ri = rt_tensor(ti), ro = rt_tensor(to);
  float table[256];
  ref::softmax_exp_table(ri.scale(), static_cast<float>(beta), table);
  std::vector<uint8_t> bytes(256 * 4);
  for (int d = 0; d < 256; ++d) std::memcpy(bytes.data() + 4 * d, &table[255 - d], 4);
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in.type;
  const int64_t last = t.rank() - 1;
  const int64_t depth = t.shape[last];
  if (depth < 1 || depth > 4096) return Status::error("the table softmax lowers rows of 1 to 4096 values");
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  FixedEmit em{b, t.shape};
  const Value x = b.convert(in, DType::kInt32);
  const Value mx = b.reduce(x, b.scalar(DType::kInt32, lowest_code(ti.dtype)), std::span<const int64_t>(&last, 1),
                            "stablehlo.maximum");
  const Value neg_diff = b.sub(b.broadcast_in_dim(mx, t.shape, keep), x);
  const Value e = shlo::gather_axis(b, b.constant({DType::kFloat32, {256}}, bytes), neg_diff, 0);
  std::vector<int64_t> start(t.rank(), 0), limit = t.shape, strides(t.rank(), 1);
  Value sum;
  for (int64_t c = 0; c < depth; ++c) {
    start[last] = c;
    limit[last] = c + 1;
    const Value col = b.slice(e, start, limit, strides);
    sum = c == 0 ? col : b.add(sum, col);
  }
  std::vector<int64_t> all(t.rank());
  for (int64_t d = 0; d < t.rank(); ++d) all[d] = d;
  const Value scaled = b.mul(sum, b.splat(DType::kFloat32, sum.type.shape, ro.scale()));
  const Value inv = b.div(b.splat(DType::kFloat32, sum.type.shape, 1.0), scaled);
  Value q = b.unary("stablehlo.round_nearest_afz", b.mul(e, b.broadcast_in_dim(inv, t.shape, all)));
  q = b.clamp(b.scalar(DType::kFloat32, -2147483648.0), q, b.scalar(DType::kFloat32, 2147483520.0));
  int32_t lo, hi;
  quant::dtype_range(to.dtype, &lo, &hi);
  Value y = b.add(b.convert(q, DType::kInt32), em.c(ro.zero_point()));
  y = b.clamp(b.scalar(DType::kInt32, lo), y, b.scalar(DType::kInt32, hi));
  ctx.set_output(0, b.convert(y, to.dtype));
  return ok_status();
}

// int16 -> int16 (ref::softmax_int16): every diff to the row max has its
// exp looked up in a 65536-entry table made with the kernel's own
// rescaling and interpolated exp table; the row sum's reciprocal comes from
// a second table over the centred sum, and each exp times it is shifted
// back with rounding, as the kernel does.
Status lower_int16(shlo::LowerContext& ctx, const Value& in) {
  const RtTensor ri = rt_tensor(ctx.input_tensor(0));
  const float beta = static_cast<float>(ctx.attrs().get_float("beta", 1.0));
  int32_t multiplier;
  int shift;
  quant::quantize_multiplier(static_cast<double>(ri.scale() * beta) / (10.0 / 65535.0), &multiplier, &shift);
  ref::SoftmaxInt16Tables tables;
  ref::softmax_int16_tables(&tables);
  std::vector<uint8_t> exp_bytes(65536 * 2), recip_bytes(65536 * 2);
  for (int32_t k = 0; k < 65536; ++k) {
    const int32_t scaled = quant::multiply_by_quantized_multiplier(-k, multiplier, shift);
    const int32_t centred = std::clamp<int32_t>(scaled + 32767, -32768, 32767);
    const int16_t e = lut::lookup_int16(static_cast<int16_t>(centred), tables.exp);
    const int16_t r = lut::lookup_int16(static_cast<int16_t>(k - 32768), tables.one_over_one_plus_x);
    std::memcpy(exp_bytes.data() + 2 * k, &e, 2);
    std::memcpy(recip_bytes.data() + 2 * k, &r, 2);
  }
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in.type;
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  FixedEmit em{b, t.shape};
  const Value x = b.convert(in, DType::kInt32);
  const Value mx = b.reduce(x, b.scalar(DType::kInt32, -32768), std::span<const int64_t>(&last, 1), "stablehlo.maximum");
  const Value neg_diff = b.sub(b.broadcast_in_dim(mx, t.shape, keep), x);
  const Value exps = b.convert(shlo::gather_axis(b, b.constant({DType::kInt16, {65536}}, exp_bytes), neg_diff, 0),
                               DType::kInt32);
  const Value sum = b.broadcast_in_dim(
      b.reduce(exps, b.scalar(DType::kInt32, 0), std::span<const int64_t>(&last, 1), "stablehlo.add"), t.shape, keep);
  const Value hpo = b.unary("stablehlo.count_leading_zeros", sum);
  const Value sum64 = b.convert(sum, DType::kInt64), hpo64 = b.convert(hpo, DType::kInt64);
  const Value shifted = b.binary(
      "stablehlo.shift_right_arithmetic",
      b.add(b.binary("stablehlo.shift_left", sum64, b.sub(hpo64, em.c64(1))), em.c64(1 << 13)), em.c64(14));
  const Value centred = b.clamp(b.scalar(DType::kInt32, -32768), b.convert(b.sub(shifted, em.c64(98304)), DType::kInt32),
                                b.scalar(DType::kInt32, 32767));
  const Value recip = b.convert(shlo::gather_axis(b, b.constant({DType::kInt16, {65536}}, recip_bytes),
                                                  b.add(centred, em.c(32768)), 0),
                                DType::kInt64);
  const Value right = b.sub(em.c64(31), hpo64);
  const Value round = b.binary("stablehlo.shift_left", em.c64(1), b.sub(right, em.c64(1)));
  const Value prod = b.add(b.mul(b.convert(exps, DType::kInt64), recip), round);
  const Value y = b.clamp(b.scalar(DType::kInt64, 0), b.binary("stablehlo.shift_right_arithmetic", prod, right),
                          b.scalar(DType::kInt64, 32767));
  ctx.set_output(0, b.convert(y, DType::kInt16));
  return ok_status();
}

}  // namespace

Status lower_integer(shlo::LowerContext& ctx) {
  Result<std::unique_ptr<OpState>> st = prepare_reference(ctx);  // the kernel's checks
  if (!st.ok()) return st.status();
  const Tensor& ti = ctx.input_tensor(0);
  const Tensor& to = ctx.output_tensor(0);
  if (ti.dtype == DType::kInt16) {
    Result<Value> in = ctx.input(0);
    if (!in.ok()) return in.status();
    if (in->type.rank() < 1) return Status::error("input must have rank 1 or more");
    return lower_int16(ctx, in.value());
  }
  if (ti.dtype != DType::kInt8 && ti.dtype != DType::kUInt8)
    return Status::error("--quant=integer lowers int8, uint8 and int16 SOFTMAX only (have " +
                         std::string(dtype_name(ti.dtype)) + ")");
  const double beta = static_cast<double>(static_cast<float>(ctx.attrs().get_float("beta", 1.0)));
  int32_t input_multiplier;
  int input_left_shift;
  if (!fixed::preprocess_softmax_scaling(beta, static_cast<double>(ti.quant.scale[0]), kScaledDiffIntegerBits,
                                         &input_multiplier, &input_left_shift)) {
    Result<Value> in = ctx.input(0);
    if (!in.ok()) return in.status();
    if (in->type.rank() < 1) return Status::error("input must have rank 1 or more");
    return lower_table(ctx, in.value(), beta);
  }
  const int32_t diff_min = -fixed::calculate_input_radius(kScaledDiffIntegerBits, input_left_shift);

  // exp_table[-diff], sum_table[-diff] for diff in [-255, 0].
  std::vector<uint8_t> exp_bytes(256 * 4), sum_bytes(256 * 4);
  for (int32_t k = 0; k < 256; ++k) {
    const int32_t diff = -k;
    int32_t e = 0, s = 0;
    if (diff >= diff_min) {
      const int32_t scaled =
          fixed::multiply_by_quantized_multiplier_greater_than_one(diff, input_multiplier, input_left_shift);
      e = fixed::exp_on_negative_values<kScaledDiffIntegerBits>(scaled);
      s = fixed::rescale<kAccumulationIntegerBits, 0>(e);
    }
    std::memcpy(exp_bytes.data() + 4 * k, &e, 4);
    std::memcpy(sum_bytes.data() + 4 * k, &s, 4);
  }

  Result<Value> in = ctx.input(0);
  if (!in.ok()) return in.status();
  shlo::Builder& b = ctx.b;
  const shlo::TType& t = in->type;
  if (t.rank() < 1) return Status::error("input must have rank 1 or more");
  const int64_t last = t.rank() - 1;
  std::vector<int64_t> keep;
  for (int64_t d = 0; d < last; ++d) keep.push_back(d);
  FixedEmit em{b, t.shape};
  const Value x = b.convert(in.value(), DType::kInt32);
  const Value mx = b.reduce(x, b.scalar(DType::kInt32, lowest_code(ti.dtype)), std::span<const int64_t>(&last, 1),
                            "stablehlo.maximum");
  const Value neg_diff = b.sub(b.broadcast_in_dim(mx, t.shape, keep), x);  // -diff in [0, 255]
  const Value exps = shlo::gather_axis(b, b.constant({DType::kInt32, {256}}, exp_bytes), neg_diff, 0);
  const Value terms = shlo::gather_axis(b, b.constant({DType::kInt32, {256}}, sum_bytes), neg_diff, 0);
  const Value sum = b.broadcast_in_dim(
      b.reduce(terms, b.scalar(DType::kInt32, 0), std::span<const int64_t>(&last, 1), "stablehlo.add"), t.shape, keep);

  // GetReciprocal(sum, 12): the sum's leading one moved to bit 31.
  const Value headroom_plus_one = b.unary("stablehlo.count_leading_zeros", sum);
  const Value shifted_minus_one =
      b.add(b.binary("stablehlo.shift_left", sum, headroom_plus_one), em.c(-2147483648.0));
  const Value shifted_scale = em.one_over_one_plus_x(shifted_minus_one);
  const int out_bits = to.dtype == DType::kInt16 ? 16 : 8;
  const Value exponent = b.sub(em.c(kAccumulationIntegerBits + 31 - out_bits), headroom_plus_one);

  int32_t out_min, out_max;
  quant::dtype_range(to.dtype, &out_min, &out_max);
  Value unsat = em.rdbp(em.srdhm(shifted_scale, exps), b.min(exponent, em.c(31)));
  unsat = b.select(b.compare(exponent, em.c(31), Cmp::GT), em.c(0), unsat);
  Value y = b.clamp(b.scalar(DType::kInt32, out_min), b.add(unsat, em.c(out_min)), b.scalar(DType::kInt32, out_max));
  // Differences below diff_min output the minimum.
  y = b.select(b.compare(neg_diff, em.c(-diff_min), Cmp::LE), y, em.c(out_min));
  ctx.set_output(0, b.convert(y, to.dtype));
  return ok_status();
}

}  // namespace xlite::ops::softmax
