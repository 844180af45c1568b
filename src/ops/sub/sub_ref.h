// SPDX-License-Identifier: Apache-2.0
// Reference SUB over a broadcast map.
// Float and unquantized integers: a - b clamped to the activation range
// (integers wrap, where TFLite's int32 subtraction would be undefined).
// int8 / uint8 / int16 (general scales): both inputs rescaled to
// 2 * max(input scale) after a left shift, subtracted, rescaled to the output
// (TFLite reference_ops::BroadcastQuantSubSlow, sub.h).
// int16 with power-of-two scales: one input is rounding-shifted right to the
// other's scale and subtracted (reference_ops::BroadcastSub16POTSlow).
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ops/common/broadcast.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"

namespace xlite::ref {

template <typename T>
T wrapping_sub(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
  } else {
    return a - b;
  }
}

// min(max(x, lo), hi), as TFLite's ActivationFunctionWithMinMax (keeps NaN).
template <typename T>
void sub(const bcast::Map& m, const T* a, const T* b, T lo, T hi, T* out) {
  bcast::apply(m, a, b, out, [=](T x, T y) { return std::min(std::max(wrapping_sub(x, y), lo), hi); });
}

template <typename T>
T sub_quantized_one(T x, T y, const elementwise::AddSubParams& p) {
  const int32_t a = elementwise::add_sub_rescale(x, p.in1_offset, p.left_shift, p.in1_multiplier, p.in1_shift);
  const int32_t b = elementwise::add_sub_rescale(y, p.in2_offset, p.left_shift, p.in2_multiplier, p.in2_shift);
  const int32_t raw = quant::multiply_by_quantized_multiplier(a - b, p.out_multiplier, p.out_shift) + p.out_offset;
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
}

template <typename T>
void sub_quantized(const bcast::Map& m, const T* a, const T* b, const elementwise::AddSubParams& p, T* out) {
  bcast::apply(m, a, b, out, [&p](T x, T y) { return sub_quantized_one(x, y, p); });
}

// in1_shift / in2_shift <= 0, at most one nonzero (checked in prepare).
inline void sub_int16_pot(const bcast::Map& m, const int16_t* a, const int16_t* b, int in1_shift, int in2_shift,
                          int32_t act_min, int32_t act_max, int16_t* out) {
  bcast::apply(m, a, b, out, [=](int16_t x, int16_t y) {
    const int32_t diff = quant::rounding_divide_by_pot(x, -in1_shift) - quant::rounding_divide_by_pot(y, -in2_shift);
    return static_cast<int16_t>(std::min(act_max, std::max(act_min, diff)));
  });
}

}  // namespace xlite::ref
