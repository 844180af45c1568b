// SPDX-License-Identifier: Apache-2.0
#include "ops/common/quant_lower.h"

#include <cstring>

namespace xlite::ops {
namespace {

shlo::Value channel_i64(shlo::Builder& b, const std::vector<int64_t>& v, const std::vector<int64_t>& shape) {
  if (v.size() == 1) return b.splat(DType::kInt64, shape, static_cast<double>(v[0]));
  std::vector<uint8_t> bytes(v.size() * 8);
  std::memcpy(bytes.data(), v.data(), bytes.size());
  const int64_t last = static_cast<int64_t>(shape.size()) - 1;
  return b.broadcast_in_dim(b.constant({DType::kInt64, {static_cast<int64_t>(v.size())}}, bytes), shape,
                            std::span<const int64_t>(&last, 1));
}

}  // namespace

shlo::Value multiply_by_quantized_multiplier_i64(shlo::Builder& b, const shlo::Value& acc,
                                                 const std::vector<int32_t>& multiplier, const std::vector<int>& shift) {
  std::vector<int64_t> reduced, total, round;
  for (size_t c = 0; c < multiplier.size(); ++c) {
    reduced.push_back(multiplier[c] < 0x7FFF0000 ? (static_cast<int64_t>(multiplier[c]) + (1 << 15)) >> 16 : 0x7FFF);
    total.push_back(15 - shift[c]);
    round.push_back(int64_t{1} << (15 - shift[c] - 1));
  }
  const auto& shape = acc.type.shape;
  // Exact values spell their constants (the splat takes a double, and these
  // stay far below 2^53).
  const shlo::Value prod = b.add(b.mul(acc, channel_i64(b, reduced, shape)), channel_i64(b, round, shape));
  return b.convert(b.binary("stablehlo.shift_right_arithmetic", prod, channel_i64(b, total, shape)), DType::kInt32);
}

shlo::Value rounding_divide_by_pot(shlo::Builder& b, const shlo::Value& x, int exponent) {
  if (exponent == 0) return x;
  const auto& shape = x.type.shape;
  const int64_t mask = (int64_t{1} << exponent) - 1;
  const shlo::Value zero = b.splat(DType::kInt32, shape, 0), one = b.splat(DType::kInt32, shape, 1);
  const shlo::Value rem = b.binary("stablehlo.and", x, b.splat(DType::kInt32, shape, static_cast<double>(mask)));
  const shlo::Value threshold = b.add(b.splat(DType::kInt32, shape, static_cast<double>(mask >> 1)),
                                      b.select(b.compare(x, zero, shlo::Cmp::LT), one, zero));
  const shlo::Value up = b.select(b.compare(rem, threshold, shlo::Cmp::GT), one, zero);
  return b.add(b.binary("stablehlo.shift_right_arithmetic", x, b.splat(DType::kInt32, shape, exponent)), up);
}

using shlo::Cmp;
using shlo::Value;

Value FixedEmit::srdhm(const Value& x, const Value& y) {
  const Value ab = b.mul(b.convert(x, DType::kInt64), b.convert(y, DType::kInt64));
  const Value nudge = b.select(b.compare(ab, c64(0), Cmp::GE), c64(1 << 30), c64(1 - (1 << 30)));
  const Value high = b.convert(b.div(b.add(ab, nudge), c64(2147483648.0)), DType::kInt32);
  const Value both_min = b.binary("stablehlo.and", b.compare(x, y, Cmp::EQ), b.compare(x, c(-2147483648.0), Cmp::EQ));
  return b.select(both_min, c(2147483647.0), high);
}

Value FixedEmit::rdbp(const Value& x, const Value& e) {
  const Value one = c(1);
  const Value mask = b.sub(b.binary("stablehlo.shift_left", one, e), one);
  const Value rem = b.binary("stablehlo.and", x, mask);
  const Value threshold =
      b.add(b.binary("stablehlo.shift_right_arithmetic", mask, one), b.select(b.compare(x, c(0), Cmp::LT), one, c(0)));
  return b.add(b.binary("stablehlo.shift_right_arithmetic", x, e),
               b.select(b.compare(rem, threshold, Cmp::GT), one, c(0)));
}

Value FixedEmit::srmbp_left(const Value& x, int exponent) {
  const double threshold = static_cast<double>((int64_t{1} << (31 - exponent)) - 1);
  const Value shifted = b.binary("stablehlo.shift_left", x, c(exponent));
  return b.select(b.compare(x, c(threshold), Cmp::GT), c(2147483647.0),
                  b.select(b.compare(x, c(-threshold), Cmp::LT), c(-2147483648.0), shifted));
}

Value FixedEmit::one_over_one_plus_x(const Value& a) {
  // RoundingHalfSum(a, one<0>()) in int64, then 48/17 - 32/17 x and three
  // Newton-Raphson steps in Q2 (constants: fixed_point.h).
  const Value sum = b.add(b.convert(a, DType::kInt64), c64(2147483647.0));
  const Value half = b.convert(
      b.div(b.add(sum, b.select(b.compare(sum, c64(0), Cmp::GE), c64(1), c64(-1))), c64(2)), DType::kInt32);
  Value x = b.add(c(1515870810), srdhm(half, c(-1010580540)));
  for (int i = 0; i < 3; ++i) {
    const Value one_minus = b.sub(c(1 << 29), srdhm(half, x));
    x = b.add(x, srmbp_left(srdhm(x, one_minus), 2));
  }
  return srmbp_left(x, 1);
}

Value FixedEmit::mbqm(const Value& x, const Value& multiplier, const Value& shift) {
  const Value zero = c(0);
  const Value left = b.max(shift, zero), right = b.max(b.sub(zero, shift), zero);
  return rdbp(srdhm(b.binary("stablehlo.shift_left", x, left), multiplier), right);
}

}  // namespace xlite::ops
