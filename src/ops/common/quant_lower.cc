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

}  // namespace xlite::ops
