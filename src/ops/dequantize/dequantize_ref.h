// SPDX-License-Identifier: Apache-2.0
// Reference DEQUANTIZE: (q - zero_point) * scale, the product in double and
// rounded once to float (reference_ops::Dequantize, PerChannelDequantize);
// float16 -> float32 is an exact widening.
#pragma once

#include <cstdint>
#include <cstring>

namespace xlite::ref {

// `inner` elements share a channel; channels repeat every `channels * inner`
// elements (per-tensor: channels == 1).
template <typename T>
void dequantize(int64_t n, const T* input, int64_t channels, int64_t inner, const float* scale,
                const int64_t* zero_point, float* output) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = channels == 1 ? 0 : (i / inner) % channels;
    const double q = static_cast<double>(static_cast<int64_t>(input[i]) - zero_point[c]);
    output[i] = static_cast<float>(static_cast<double>(scale[c]) * q);
  }
}

// IEEE binary16 -> binary32, subnormals, infinities and NaN payloads kept.
inline float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t mant = h & 0x3FFu;
  uint32_t bits;
  if (exp == 0x1F) {
    bits = sign | 0x7F800000u | (mant << 13);
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;
  } else {
    // Subnormal: normalize; binary16 subnormals are mant * 2^-24.
    int e = -1;
    do {
      mant <<= 1;
      ++e;
    } while (!(mant & 0x400u));
    bits = sign | (static_cast<uint32_t>(112 - e) << 23) | ((mant & 0x3FFu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

}  // namespace xlite::ref
