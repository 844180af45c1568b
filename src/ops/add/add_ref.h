// SPDX-License-Identifier: Apache-2.0
// Reference ADD over a broadcast map.
// Float and unquantized integers: a + b clamped to the activation range
// (integers wrap, where TFLite's int32 add would be undefined).
// int8 / uint8 / int16 (general scales): both inputs rescaled to
// 2 * max(input scale) after a left shift, summed, rescaled to the output
// (TFLite reference_integer_ops::AddFunc and reference_ops::AddElementwise).
// int16 with power-of-two scales: one input is rounding-shifted right to the
// other's scale and the two are added (reference_ops::Add, pot_scale path).
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ops/common/broadcast.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"

namespace xlite::ref {

template <typename T>
T wrapping_add(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}

// The argument order of std::max/min matters for NaN: TFLite's
// ActivationFunctionWithMinMax is min(max(x, lo), hi), which keeps NaN.
template <typename T>
void add(const bcast::Map& m, const T* a, const T* b, T lo, T hi, T* out) {
  bcast::apply(m, a, b, out, [=](T x, T y) { return std::min(std::max(wrapping_add(x, y), lo), hi); });
}

template <typename T>
T add_quantized_one(T x, T y, const elementwise::AddSubParams& p) {
  const int32_t a = elementwise::add_sub_rescale(x, p.in1_offset, p.left_shift, p.in1_multiplier, p.in1_shift);
  const int32_t b = elementwise::add_sub_rescale(y, p.in2_offset, p.left_shift, p.in2_multiplier, p.in2_shift);
  const int32_t raw = quant::multiply_by_quantized_multiplier(a + b, p.out_multiplier, p.out_shift) + p.out_offset;
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
}

template <typename T>
void add_quantized(const bcast::Map& m, const T* a, const T* b, const elementwise::AddSubParams& p, T* out) {
  bcast::apply(m, a, b, out, [&p](T x, T y) { return add_quantized_one(x, y, p); });
}

// in1_shift / in2_shift <= 0, at most one of them nonzero: the right shift
// that brings that input to the output's power-of-two scale.
inline void add_int16_pot(const bcast::Map& m, const int16_t* a, const int16_t* b, int in1_shift, int in2_shift,
                          int32_t act_min, int32_t act_max, int16_t* out) {
  bcast::apply(m, a, b, out, [=](int16_t x, int16_t y) {
    const int32_t sx = quant::rounding_divide_by_pot(x, -in1_shift);
    const int32_t sy = quant::rounding_divide_by_pot(y, -in2_shift);
    // gemmlowp's SaturatingAdd on int16, then the activation clamp.
    const int32_t sum = std::min<int32_t>(32767, std::max<int32_t>(-32768, sx + sy));
    return static_cast<int16_t>(std::min(act_max, std::max(act_min, sum)));
  });
}

}  // namespace xlite::ref
