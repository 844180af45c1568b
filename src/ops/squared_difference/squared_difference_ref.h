// SPDX-License-Identifier: Apache-2.0
// Reference SQUARED_DIFFERENCE over a broadcast map: (a - b)^2.
// int8 follows TFLite squared_difference.cc: both inputs on the common scale
// 2 * max(input scale) after a left shift of 7, the difference squared in
// int32 (at most 255^2 * 2^14, so no overflow), then rescaled by
// (2 * max scale)^2 / (2^14 * so). There is no fused activation.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "ops/common/broadcast.h"
#include "ops/common/elementwise.h"
#include "ops/common/quant.h"

namespace xlite::ref {

template <typename T>
void squared_difference(const bcast::Map& m, const T* a, const T* b, T* out) {
  bcast::apply(m, a, b, out, [](T x, T y) {
    if constexpr (std::is_integral_v<T>) {
      // Wrapping, where TFLite's int32 arithmetic would be undefined.
      const uint64_t d = static_cast<uint64_t>(x) - static_cast<uint64_t>(y);
      return static_cast<T>(d * d);
    } else {
      const T d = x - y;
      return d * d;
    }
  });
}

inline int8_t squared_difference_int8_one(int8_t x, int8_t y, const elementwise::AddSubParams& p) {
  const int32_t a = elementwise::add_sub_rescale(x, p.in1_offset, p.left_shift, p.in1_multiplier, p.in1_shift);
  const int32_t b = elementwise::add_sub_rescale(y, p.in2_offset, p.left_shift, p.in2_multiplier, p.in2_shift);
  const int32_t d = a - b;
  const int32_t raw = quant::multiply_by_quantized_multiplier(d * d, p.out_multiplier, p.out_shift) + p.out_offset;
  return static_cast<int8_t>(std::min(p.act_max, std::max(p.act_min, raw)));
}

inline void squared_difference_int8(const bcast::Map& m, const int8_t* a, const int8_t* b,
                                    const elementwise::AddSubParams& p, int8_t* out) {
  bcast::apply(m, a, b, out, [&p](int8_t x, int8_t y) { return squared_difference_int8_one(x, y, p); });
}

}  // namespace xlite::ref
