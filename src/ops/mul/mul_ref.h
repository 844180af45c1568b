// SPDX-License-Identifier: Apache-2.0
// Reference MUL over a broadcast map.
// Float and unquantized integers: a * b clamped to the activation range
// (integers wrap, where TFLite's int32 multiply would be undefined).
// Quantized (int8, uint8, symmetric int16): the product of the offset inputs
// is one int32 rescaled by s1 * s2 / so (TFLite reference_integer_ops::
// MulElementwise / BroadcastMul6DSlow).
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ops/common/broadcast.h"
#include "ops/common/quant.h"

namespace xlite::ref {

template <typename T>
T wrapping_mul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    // Through uint64: a narrower unsigned type would promote to int and
    // could overflow.
    return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  } else {
    return a * b;
  }
}

template <typename T>
void mul(const bcast::Map& m, const T* a, const T* b, T lo, T hi, T* out) {
  bcast::apply(m, a, b, out, [=](T x, T y) { return std::min(std::max(wrapping_mul(x, y), lo), hi); });
}

struct MulParams {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t act_min = 0, act_max = 0;
};

template <typename T>
T mul_quantized_one(T x, T y, const MulParams& p) {
  const int32_t prod = (static_cast<int32_t>(x) + p.in1_offset) * (static_cast<int32_t>(y) + p.in2_offset);
  const int32_t raw = quant::multiply_by_quantized_multiplier(prod, p.multiplier, p.shift) + p.out_offset;
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
}

template <typename T>
void mul_quantized(const bcast::Map& m, const T* a, const T* b, const MulParams& p, T* out) {
  bcast::apply(m, a, b, out, [&p](T x, T y) { return mul_quantized_one(x, y, p); });
}

}  // namespace xlite::ref
