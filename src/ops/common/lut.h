// SPDX-License-Identifier: Apache-2.0
// The 256-entry tables TFLite builds in float for int8/uint8 elementwise
// functions (LOGISTIC, TANH, GELU, EXP, ... in the reference and generic
// kernels): each input code is dequantized, transformed in float32, and
// requantized with round-half-away-from-zero and a clamp.
// Source: TFLite kernels/internal/common.h, detail::LUTPopulateInt8 and
// LUTLookup.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace xlite::lut {

// float -> int32 as x86-64's cvttss2si does it (TFLite's static_cast on
// the platforms the reference runs on): NaN and out-of-range values become
// INT32_MIN instead of being undefined. QUANTIZE in ai-edge-litert 2.3.0
// behaves so (+inf and 1e20 quantize to the minimum code).
inline int32_t float_to_int32_x86(float f) {
  if (!(f >= -2147483648.0f && f < 2147483648.0f)) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(f);
}

// table[code] for every code of T, stored at index uint8(code) so that a
// lookup is a plain cast.
template <typename T, typename Fn>
void populate(float input_scale, int32_t input_zero_point, float output_scale, int32_t output_zero_point, Fn fn,
              T* table) {
  static_assert(sizeof(T) == 1);
  const float inverse_scale = 1 / output_scale;
  constexpr int32_t lo = std::numeric_limits<T>::min();
  constexpr int32_t hi = std::numeric_limits<T>::max();
  for (int32_t v = lo; v <= hi; ++v) {
    const float dequantized = input_scale * static_cast<float>(v - input_zero_point);
    const float transformed = fn(dequantized);
    const float rescaled = std::round(transformed * inverse_scale);
    // The clamp acts on the float: LiteRT's tables saturate values past the
    // int32 range (exp of a large input gives the maximum code, measured
    // against ai-edge-litert 2.3.0), unlike a plain x86 conversion.
    const float q = rescaled + static_cast<float>(output_zero_point);
    const int32_t code = std::isnan(q) ? lo : static_cast<int32_t>(std::clamp(q, float(lo), float(hi)));
    table[static_cast<uint8_t>(static_cast<T>(v))] = static_cast<T>(code);
  }
}

template <typename T>
void lookup(const T* input, int64_t n, const T* table, T* output) {
  for (int64_t i = 0; i < n; ++i) output[i] = table[static_cast<uint8_t>(input[i])];
}

}  // namespace xlite::lut
