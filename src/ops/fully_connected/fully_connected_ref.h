// SPDX-License-Identifier: Apache-2.0
// Reference FULLY_CONNECTED: input viewed as [batches, depth], weights
// [units, depth], output [batches, units].
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/common/quant.h"

namespace xlite::ref {

inline void fully_connected_float(int32_t batches, int32_t depth, int32_t units, const float* input,
                                  const float* weights, const float* bias, float act_min, float act_max,
                                  float* output) {
  for (int32_t b = 0; b < batches; ++b)
    for (int32_t u = 0; u < units; ++u) {
      float total = 0.0f;
      for (int32_t d = 0; d < depth; ++d) total += input[b * depth + d] * weights[u * depth + d];
      const float v = total + (bias ? bias[u] : 0.0f);
      output[b * units + u] = std::min(std::max(v, act_min), act_max);
    }
}

// acc = sum (w + weights_offset) * (x + input_offset) + bias, requantized
// as round(acc * scale[u]) in double, ties away from zero
// (quant::scale_and_round), as LiteRT 2.3's reference kernel does for int8
// (per-tensor or per-channel weights) and legacy uint8 alike.
template <typename T, typename W>
void fully_connected_quantized(int32_t batches, int32_t depth, int32_t units, const T* input, int32_t input_offset,
                               const W* weights, int32_t weights_offset, const int32_t* bias, const double* scale,
                               int32_t output_offset, int32_t act_min, int32_t act_max, T* output) {
  for (int32_t b = 0; b < batches; ++b)
    for (int32_t u = 0; u < units; ++u) {
      int32_t acc = 0;
      for (int32_t d = 0; d < depth; ++d)
        acc += (static_cast<int32_t>(weights[u * depth + d]) + weights_offset) *
               (static_cast<int32_t>(input[b * depth + d]) + input_offset);
      if (bias) acc += bias[u];
      const int64_t v = int64_t{quant::scale_and_round(acc, scale[u])} + output_offset;
      output[b * units + u] = static_cast<T>(std::min<int64_t>(std::max<int64_t>(v, act_min), act_max));
    }
}

// 16x8: int16 input (zero point 0), int8 weights; Acc is the bias type and
// the accumulator (int64, or int32). Requantized as round(acc * scale[u])
// in double whatever the bias type (quant::scale_and_round).
template <typename Acc>
void fully_connected_int16x8(int32_t batches, int32_t depth, int32_t units, const int16_t* input,
                             const int8_t* weights, const Acc* bias, const double* scale, int32_t act_min,
                             int32_t act_max, int16_t* output) {
  for (int32_t b = 0; b < batches; ++b)
    for (int32_t u = 0; u < units; ++u) {
      Acc acc = 0;
      for (int32_t d = 0; d < depth; ++d)
        acc += static_cast<Acc>(weights[u * depth + d]) * static_cast<Acc>(input[b * depth + d]);
      if (bias) acc += bias[u];
      const int32_t v = quant::scale_and_round(acc, scale[u]);
      output[b * units + u] = static_cast<int16_t>(std::min(std::max(v, act_min), act_max));
    }
}

}  // namespace xlite::ref
