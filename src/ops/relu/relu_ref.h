// SPDX-License-Identifier: Apache-2.0
// Reference RELU, RELU6 and RELU_N1_TO_1.
// Float: a clamp written the way TFLite's kernels write it, because that
// decides what happens to NaN (RELU and RELU_N1_TO_1 keep it, RELU6 turns it
// into 0: std::min(std::max(0.f, x), 6.f) in activations.cc Relu6Eval).
// Quantized (TFLite ReluX): requantize input -> output with one multiplier
// (in_scale / out_scale), then clamp to the activation bounds quantized on
// the output scale.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ops/common/quant.h"

namespace xlite::ref {

inline void relu_float(int64_t n, const float* in, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = in[i] < 0.0f ? 0.0f : in[i];
}

inline void relu6_float(int64_t n, const float* in, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = std::min(std::max(0.0f, in[i]), 6.0f);
}

inline void relu_n1_to_1_float(int64_t n, const float* in, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = in[i] > 1.0f ? 1.0f : in[i] < -1.0f ? -1.0f : in[i];
}

struct ReluXParams {
  int32_t in_zero_point = 0, out_zero_point = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t act_min = 0, act_max = 0;
};

template <typename T>
void relu_x_quantized(int64_t n, const T* in, const ReluXParams& p, T* out) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t v = p.out_zero_point + quant::multiply_by_quantized_multiplier(
                                             static_cast<int32_t>(in[i]) - p.in_zero_point, p.multiplier, p.shift);
    out[i] = static_cast<T>(std::min(p.act_max, std::max(p.act_min, v)));
  }
}

}  // namespace xlite::ref
