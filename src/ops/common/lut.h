// SPDX-License-Identifier: Apache-2.0
// The tables TFLite builds in float for quantized elementwise functions.
// int8/uint8 (LOGISTIC, TANH, GELU, EXP, ... in the reference and generic
// kernels): 256 entries, each input code dequantized, transformed in
// float32, and requantized with round-half-away-from-zero and a clamp.
// int16: 513 interpolated samples (populate_int16 below).
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

// ---- int16: 512 segments, linear interpolation ----
//
// The int16 paths (EXP, GELU, SOFTMAX's exp and 1/(1+x)) sample the
// function at the 513 ends of 512 equal segments of the input range; each
// stored sample is moved by half the error that interpolating across its
// segment makes at the midpoint, so the interpolated line straddles the
// curve. FloatT is the type the whole computation runs in: float for
// EXP/GELU, double for SOFTMAX's tables. The output zero point cancels out
// of the output scaling (the samples are never offset by it).
// Source: TFLite kernels/internal/common.h, detail::LUTPopulateInt16 and
// LUTLookup(int16_t).
constexpr int kInt16TableSize = 513;

template <typename FloatT, typename Fn>
void populate_int16(FloatT input_scale, int32_t input_zero_point, FloatT output_scale, int32_t output_zero_point,
                    Fn fn, int16_t* table) {
  constexpr int32_t lo = std::numeric_limits<int16_t>::min();
  constexpr int32_t hi = std::numeric_limits<int16_t>::max();
  const FloatT input_min = input_scale * static_cast<FloatT>(lo - input_zero_point);
  const FloatT input_max = input_scale * static_cast<FloatT>(hi - input_zero_point);
  const FloatT output_min = output_scale * static_cast<FloatT>(lo - output_zero_point);
  const FloatT output_max = output_scale * static_cast<FloatT>(hi - output_zero_point);
  constexpr int kSteps = kInt16TableSize - 1;
  const FloatT step = (input_max - input_min) / static_cast<FloatT>(kSteps);
  const FloatT half_step = step / 2;
  const FloatT inverse_scale = static_cast<FloatT>(hi - lo + 1) / (output_max - output_min);
  auto clamp = [](FloatT v) {
    return static_cast<int16_t>(std::min<FloatT>(std::max<FloatT>(v, FloatT(lo)), FloatT(hi)));
  };
  for (int i = 0; i < kSteps; ++i) {
    const FloatT at = input_min + static_cast<FloatT>(i) * step;
    const FloatT val = fn(at);
    const FloatT val_midpoint = fn(at + half_step);
    const FloatT val_next = fn(input_min + static_cast<FloatT>(i + 1) * step);
    const FloatT sample = std::round(val * inverse_scale);
    const FloatT midpoint_interpolated = std::round((val_next * inverse_scale + std::round(val * inverse_scale)) / 2);
    const FloatT midpoint = std::round(val_midpoint * inverse_scale);
    const FloatT bias = std::round((midpoint_interpolated - midpoint) / 2);
    table[i] = clamp(sample - bias);
  }
  table[kSteps] = clamp(std::round(fn(input_max) * inverse_scale));
}

// The top 9 bits pick the segment, the low 7 interpolate within it
// (rounded, Q0.7 fraction of the segment's slope). The int16 slope and sum
// wrap as TFLite's int16 arithmetic does.
inline int16_t lookup_int16(int16_t value, const int16_t* table) {
  const int index = 256 + (value >> 7);
  const int offset = value & 0x7f;
  const int16_t base = table[index];
  const int16_t slope = static_cast<int16_t>(table[index + 1] - table[index]);
  const int delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

inline void lookup_int16(const int16_t* input, int64_t n, const int16_t* table, int16_t* output) {
  for (int64_t i = 0; i < n; ++i) output[i] = lookup_int16(input[i], table);
}

}  // namespace xlite::lut
