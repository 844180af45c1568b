// SPDX-License-Identifier: Apache-2.0
// Reference concatenation (also PACK): the output is `outer` blocks; block o
// holds chunk[0] elements of input 0's block o, then chunk[1] of input 1's,
// and so on, where chunk[i] = input i's size along the axis times the
// elements after the axis.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>

#include "ops/common/layout.h"

namespace xlite::ref {

inline void concat_bytes(int64_t outer, std::span<const uint8_t* const> inputs, std::span<const int64_t> chunk,
                         uint8_t* output, size_t elem) {
  int64_t out_index = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < inputs.size(); ++i)
      for (int64_t k = 0; k < chunk[i]; ++k) layout::copy_element(output, out_index++, inputs[i], o * chunk[i] + k, elem);
}

// concat_bytes a whole chunk at a time (the kernel outside
// --reference-kernels): one memcpy per input per block.
inline void concat_chunks(int64_t outer, std::span<const uint8_t* const> inputs, std::span<const int64_t> chunk,
                          uint8_t* output, size_t elem) {
  const int64_t e = static_cast<int64_t>(elem);
  uint8_t* dst = output;
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < inputs.size(); ++i) {
      const int64_t bytes = chunk[i] * e;
      if (bytes > 0) std::memcpy(dst, inputs[i] + o * bytes, static_cast<size_t>(bytes));
      dst += bytes;
    }
}

inline void clamp_float(float* data, int64_t n, float lo, float hi) {
  for (int64_t i = 0; i < n; ++i) data[i] = std::min(std::max(data[i], lo), hi);
}

// uint8 inputs whose scale or zero point differ from the output's are
// requantized in float as TFLite's ConcatenationWithScaling does:
// q_out = round(q_in * s + (-zp_in * s)) + zp_out with s = s_in * (1 / s_out),
// clamped to [0, 255]; equal parameters copy.
inline void requantize_uint8(const uint8_t* in, int64_t n, float in_scale, int32_t in_zp, float out_scale,
                             int32_t out_zp, uint8_t* out) {
  if (in_scale == out_scale && in_zp == out_zp) {
    std::copy(in, in + n, out);
    return;
  }
  const float inverse_out_scale = 1.0f / out_scale;
  const float s = in_scale * inverse_out_scale;
  const float bias = -static_cast<float>(in_zp) * s;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(std::round(static_cast<float>(in[i]) * s + bias)) + out_zp;
    out[i] = static_cast<uint8_t>(std::min(255, std::max(0, v)));
  }
}

}  // namespace xlite::ref
