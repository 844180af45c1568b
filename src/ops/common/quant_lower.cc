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

}  // namespace xlite::ops
